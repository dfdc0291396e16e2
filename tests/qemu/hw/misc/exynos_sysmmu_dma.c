/*
 * DMA test master behind Samsung Exynos System MMU instances
 *
 * Copyright (c) 2025 The exynos-sysmmu workbench authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * A memory-to-memory copy engine with up to four bus ports. Port n's
 * transactions go through the System MMU instance linked as "mmu<n>", or
 * straight to system memory if none is linked, like a display controller
 * whose read and write ports sit behind different System MMUs. Each
 * transfer reads through one port and writes through another, a page at
 * most at a time; it stops at the first bus error, and waits while a
 * System MMU stalls it.
 *
 * Registers (32-bit):
 *   0x00 ID          "EXDM" (0x4d445845)
 *   0x04 NPORTS      number of ports
 *   0x08 SRC_LO      source address (an IOVA for a translated port)
 *   0x0c SRC_HI
 *   0x10 DST_LO      destination address
 *   0x14 DST_HI
 *   0x18 LEN         bytes to copy
 *   0x1c PORTS       read port in bits 3:0, write port in bits 7:4
 *   0x20 CMD         write 1: start a transfer (ignored while busy)
 *   0x24 STATUS      bit 0 busy, 1 done, 2 error, 3 stalled; write 1 to
 *                    bits 1 and 2 to clear them
 *   0x28 IRQ_ENABLE  bit 0: interrupt while done or error is set
 *   0x2c DONE_BYTES  bytes copied by the last transfer
 *   0x30 ERR_LO      address of the failed access
 *   0x34 ERR_HI
 *   0x38 ERR_PORT    port of the failed access
 *   0x3c TRANSFERS   transfers completed or failed since reset
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/misc/exynos_sysmmu.h"
#include "exec/address-spaces.h"
#include "migration/vmstate.h"
#include "trace.h"

#define DMA_REG_ID          0x00
#define   DMA_ID            0x4d445845
#define DMA_REG_NPORTS      0x04
#define DMA_REG_SRC_LO      0x08
#define DMA_REG_SRC_HI      0x0c
#define DMA_REG_DST_LO      0x10
#define DMA_REG_DST_HI      0x14
#define DMA_REG_LEN         0x18
#define DMA_REG_PORTS       0x1c
#define DMA_REG_CMD         0x20
#define   DMA_CMD_START     (1u << 0)
#define DMA_REG_STATUS      0x24
#define   DMA_STATUS_BUSY   (1u << 0)
#define   DMA_STATUS_DONE   (1u << 1)
#define   DMA_STATUS_ERROR  (1u << 2)
#define   DMA_STATUS_STALL  (1u << 3)
#define DMA_REG_IRQ_ENABLE  0x28
#define DMA_REG_DONE_BYTES  0x2c
#define DMA_REG_ERR_LO      0x30
#define DMA_REG_ERR_HI      0x34
#define DMA_REG_ERR_PORT    0x38
#define DMA_REG_TRANSFERS   0x3c

#define DMA_CHUNK           EXYNOS_SYSMMU_DMA_CHUNK

static void exynos_sysmmu_dma_update_irq(ExynosSysmmuDmaState *s)
{
    qemu_set_irq(s->irq, (s->irq_enable & 1) &&
                 (s->status & (DMA_STATUS_DONE | DMA_STATUS_ERROR)));
}

static void exynos_sysmmu_dma_finish(ExynosSysmmuDmaState *s, uint32_t status)
{
    s->status = status;
    s->transfers++;
    trace_exynos_sysmmu_dma_finish(s->src, s->dst, s->done_bytes, status);
    exynos_sysmmu_dma_update_irq(s);
}

/* A failed access through @port: wait if its System MMU stalled it. */
static void exynos_sysmmu_dma_failed(ExynosSysmmuDmaState *s, unsigned port,
                                     uint64_t addr)
{
    ExynosSysmmuState *mmu = s->mmu[port];

    if (mmu && exynos_sysmmu_take_stall(mmu)) {
        s->status |= DMA_STATUS_STALL;
        trace_exynos_sysmmu_dma_stall(port, addr);
        return;
    }
    s->err_addr = addr;
    s->err_port = port;
    exynos_sysmmu_dma_finish(s, DMA_STATUS_ERROR);
}

static void exynos_sysmmu_dma_run(void *opaque)
{
    ExynosSysmmuDmaState *s = opaque;
    unsigned rport = s->ports & 0xf;
    unsigned wport = (s->ports >> 4) & 0xf;
    if (!(s->status & DMA_STATUS_BUSY)) {
        return;
    }
    s->status &= ~DMA_STATUS_STALL;
    while (s->done_bytes < s->len) {
        uint64_t src = s->src + s->done_bytes;
        uint64_t dst = s->dst + s->done_bytes;
        uint32_t n = s->len - s->done_bytes;

        n = MIN(n, DMA_CHUNK - (src % DMA_CHUNK));
        n = MIN(n, DMA_CHUNK - (dst % DMA_CHUNK));
        /* A write that stalled is retried alone, with the data it had. */
        if (!s->chunk_read &&
            address_space_read(&s->port_as[rport], src, MEMTXATTRS_UNSPECIFIED,
                               s->buf, n) != MEMTX_OK) {
            exynos_sysmmu_dma_failed(s, rport, src);
            return;
        }
        s->chunk_read = true;
        if (address_space_write(&s->port_as[wport], dst,
                                MEMTXATTRS_UNSPECIFIED, s->buf,
                                n) != MEMTX_OK) {
            exynos_sysmmu_dma_failed(s, wport, dst);
            return;
        }
        s->chunk_read = false;
        s->done_bytes += n;
    }
    exynos_sysmmu_dma_finish(s, DMA_STATUS_DONE);
}

static void exynos_sysmmu_dma_resume(Notifier *n, void *data)
{
    ExynosSysmmuDmaPort *port = container_of(n, ExynosSysmmuDmaPort, resume);
    ExynosSysmmuDmaState *s = port->dma;

    if (s->status & DMA_STATUS_STALL) {
        qemu_bh_schedule(s->bh);
    }
}

static void exynos_sysmmu_dma_start(ExynosSysmmuDmaState *s)
{
    unsigned rport = s->ports & 0xf;
    unsigned wport = (s->ports >> 4) & 0xf;

    if (s->status & DMA_STATUS_BUSY) {
        return;
    }
    if (rport >= EXYNOS_SYSMMU_DMA_PORTS || wport >= EXYNOS_SYSMMU_DMA_PORTS) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: bad ports 0x%x\n", __func__,
                      s->ports);
        s->err_port = 0xff;
        exynos_sysmmu_dma_finish(s, DMA_STATUS_ERROR);
        return;
    }
    trace_exynos_sysmmu_dma_start(s->src, s->dst, s->len, s->ports);
    s->done_bytes = 0;
    s->chunk_read = false;
    s->status = DMA_STATUS_BUSY;
    exynos_sysmmu_dma_update_irq(s);
    qemu_bh_schedule(s->bh);
}

static uint64_t exynos_sysmmu_dma_read(void *opaque, hwaddr offset,
                                       unsigned size)
{
    ExynosSysmmuDmaState *s = opaque;

    switch (offset) {
    case DMA_REG_ID:
        return DMA_ID;
    case DMA_REG_NPORTS:
        return EXYNOS_SYSMMU_DMA_PORTS;
    case DMA_REG_SRC_LO:
        return (uint32_t)s->src;
    case DMA_REG_SRC_HI:
        return s->src >> 32;
    case DMA_REG_DST_LO:
        return (uint32_t)s->dst;
    case DMA_REG_DST_HI:
        return s->dst >> 32;
    case DMA_REG_LEN:
        return s->len;
    case DMA_REG_PORTS:
        return s->ports;
    case DMA_REG_STATUS:
        return s->status;
    case DMA_REG_IRQ_ENABLE:
        return s->irq_enable;
    case DMA_REG_DONE_BYTES:
        return s->done_bytes;
    case DMA_REG_ERR_LO:
        return (uint32_t)s->err_addr;
    case DMA_REG_ERR_HI:
        return s->err_addr >> 32;
    case DMA_REG_ERR_PORT:
        return s->err_port;
    case DMA_REG_TRANSFERS:
        return s->transfers;
    case DMA_REG_CMD:
        return 0;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "%s: bad offset 0x%" HWADDR_PRIx "\n",
                  __func__, offset);
    return 0;
}

static void exynos_sysmmu_dma_write(void *opaque, hwaddr offset,
                                    uint64_t val, unsigned size)
{
    ExynosSysmmuDmaState *s = opaque;

    switch (offset) {
    case DMA_REG_SRC_LO:
        s->src = deposit64(s->src, 0, 32, val);
        return;
    case DMA_REG_SRC_HI:
        s->src = deposit64(s->src, 32, 32, val);
        return;
    case DMA_REG_DST_LO:
        s->dst = deposit64(s->dst, 0, 32, val);
        return;
    case DMA_REG_DST_HI:
        s->dst = deposit64(s->dst, 32, 32, val);
        return;
    case DMA_REG_LEN:
        s->len = val;
        return;
    case DMA_REG_PORTS:
        s->ports = val & 0xff;
        return;
    case DMA_REG_CMD:
        if (val & DMA_CMD_START) {
            exynos_sysmmu_dma_start(s);
        }
        return;
    case DMA_REG_STATUS:
        s->status &= ~(val & (DMA_STATUS_DONE | DMA_STATUS_ERROR));
        exynos_sysmmu_dma_update_irq(s);
        return;
    case DMA_REG_IRQ_ENABLE:
        s->irq_enable = val & 1;
        exynos_sysmmu_dma_update_irq(s);
        return;
    }
    qemu_log_mask(LOG_GUEST_ERROR, "%s: bad offset 0x%" HWADDR_PRIx "\n",
                  __func__, offset);
}

static const MemoryRegionOps exynos_sysmmu_dma_ops = {
    .read = exynos_sysmmu_dma_read,
    .write = exynos_sysmmu_dma_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void exynos_sysmmu_dma_reset(DeviceState *dev)
{
    ExynosSysmmuDmaState *s = EXYNOS_SYSMMU_DMA(dev);

    s->src = 0;
    s->dst = 0;
    s->len = 0;
    s->ports = 0;
    s->status = 0;
    s->irq_enable = 0;
    s->done_bytes = 0;
    s->err_addr = 0;
    s->err_port = 0;
    s->transfers = 0;
    s->chunk_read = false;
    exynos_sysmmu_dma_update_irq(s);
}

static void exynos_sysmmu_dma_realize(DeviceState *dev, Error **errp)
{
    ExynosSysmmuDmaState *s = EXYNOS_SYSMMU_DMA(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    unsigned int i;

    memory_region_init_io(&s->iomem, OBJECT(s), &exynos_sysmmu_dma_ops, s,
                          TYPE_EXYNOS_SYSMMU_DMA, EXYNOS_SYSMMU_DMA_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->iomem);
    sysbus_init_irq(sbd, &s->irq);
    s->bh = qemu_bh_new(exynos_sysmmu_dma_run, s);

    for (i = 0; i < EXYNOS_SYSMMU_DMA_PORTS; i++) {
        g_autofree char *name = g_strdup_printf("exynos-sysmmu-dma-port%u", i);
        MemoryRegion *root = get_system_memory();

        if (s->mmu[i]) {
            root = MEMORY_REGION(&s->mmu[i]->iommu);
            s->port[i].dma = s;
            s->port[i].resume.notify = exynos_sysmmu_dma_resume;
            exynos_sysmmu_add_resume_notifier(s->mmu[i], &s->port[i].resume);
        }
        address_space_init(&s->port_as[i], root, name);
    }
}

static const VMStateDescription vmstate_exynos_sysmmu_dma = {
    .name = TYPE_EXYNOS_SYSMMU_DMA,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT64(src, ExynosSysmmuDmaState),
        VMSTATE_UINT64(dst, ExynosSysmmuDmaState),
        VMSTATE_UINT32(len, ExynosSysmmuDmaState),
        VMSTATE_UINT32(ports, ExynosSysmmuDmaState),
        VMSTATE_UINT32(status, ExynosSysmmuDmaState),
        VMSTATE_UINT32(irq_enable, ExynosSysmmuDmaState),
        VMSTATE_UINT32(done_bytes, ExynosSysmmuDmaState),
        VMSTATE_UINT64(err_addr, ExynosSysmmuDmaState),
        VMSTATE_UINT32(err_port, ExynosSysmmuDmaState),
        VMSTATE_UINT32(transfers, ExynosSysmmuDmaState),
        VMSTATE_BOOL(chunk_read, ExynosSysmmuDmaState),
        VMSTATE_UINT8_ARRAY(buf, ExynosSysmmuDmaState, EXYNOS_SYSMMU_DMA_CHUNK),
        VMSTATE_END_OF_LIST()
    },
};

static Property exynos_sysmmu_dma_properties[] = {
    DEFINE_PROP_LINK("mmu0", ExynosSysmmuDmaState, mmu[0], TYPE_EXYNOS_SYSMMU,
                     ExynosSysmmuState *),
    DEFINE_PROP_LINK("mmu1", ExynosSysmmuDmaState, mmu[1], TYPE_EXYNOS_SYSMMU,
                     ExynosSysmmuState *),
    DEFINE_PROP_LINK("mmu2", ExynosSysmmuDmaState, mmu[2], TYPE_EXYNOS_SYSMMU,
                     ExynosSysmmuState *),
    DEFINE_PROP_LINK("mmu3", ExynosSysmmuDmaState, mmu[3], TYPE_EXYNOS_SYSMMU,
                     ExynosSysmmuState *),
    DEFINE_PROP_END_OF_LIST(),
};

static void exynos_sysmmu_dma_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = exynos_sysmmu_dma_realize;
    dc->reset = exynos_sysmmu_dma_reset;
    dc->vmsd = &vmstate_exynos_sysmmu_dma;
    dc->desc = "DMA test master behind Exynos System MMUs";
    device_class_set_props(dc, exynos_sysmmu_dma_properties);
}

static const TypeInfo exynos_sysmmu_dma_info = {
    .name = TYPE_EXYNOS_SYSMMU_DMA,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(ExynosSysmmuDmaState),
    .class_init = exynos_sysmmu_dma_class_init,
};

static void exynos_sysmmu_dma_register_types(void)
{
    type_register_static(&exynos_sysmmu_dma_info);
}

type_init(exynos_sysmmu_dma_register_types)
