/*
 * Samsung Exynos System MMU (v7, v7 with VM registers, v9) and a DMA test
 * master whose bus ports go through System MMU instances.
 *
 * Copyright (c) 2025 The exynos-sysmmu workbench authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef HW_MISC_EXYNOS_SYSMMU_H
#define HW_MISC_EXYNOS_SYSMMU_H

#include "exec/memory.h"
#include "hw/sysbus.h"
#include "qemu/notify.h"
#include "qom/object.h"

#define TYPE_EXYNOS_SYSMMU "exynos-sysmmu"
OBJECT_DECLARE_SIMPLE_TYPE(ExynosSysmmuState, EXYNOS_SYSMMU)

#define TYPE_EXYNOS_SYSMMU_IOMMU_MEMORY_REGION \
    "exynos-sysmmu-iommu-memory-region"

#define TYPE_EXYNOS_SYSMMU_DMA "exynos-sysmmu-dma"
OBJECT_DECLARE_SIMPLE_TYPE(ExynosSysmmuDmaState, EXYNOS_SYSMMU_DMA)

#define EXYNOS_SYSMMU_MMIO_SIZE     0x10000
#define EXYNOS_SYSMMU_TLB_MAX       64
#define EXYNOS_SYSMMU_V9_PMMUS      1
#define EXYNOS_SYSMMU_V9_STREAMS    8

#define EXYNOS_SYSMMU_DMA_MMIO_SIZE 0x1000
#define EXYNOS_SYSMMU_DMA_PORTS     4
#define EXYNOS_SYSMMU_DMA_CHUNK     0x1000

typedef enum ExynosSysmmuFamily {
    EXYNOS_SYSMMU_V7,
    EXYNOS_SYSMMU_V7_VM,
    EXYNOS_SYSMMU_V9,
} ExynosSysmmuFamily;

typedef struct ExynosSysmmuTlbEntry {
    bool valid;
    uint64_t iova;              /* first address, aligned to mask + 1 */
    uint64_t pa;
    uint64_t mask;              /* size - 1: 4 KiB, 64 KiB or 1 MiB */
    uint32_t perm;              /* IOMMUAccessFlags */
} ExynosSysmmuTlbEntry;

struct ExynosSysmmuState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    IOMMUMemoryRegion iommu;
    qemu_irq irq;

    /* properties */
    char *family_name;
    uint32_t version;
    uint32_t capa0;
    uint32_t capa1;
    uint8_t va_bits;
    uint32_t tlb_entries;

    ExynosSysmmuFamily family;

    /* registers (VM 0 where the family has VMs) */
    uint32_t ctrl;
    uint32_t cfg;
    uint32_t ctrl_vm;
    uint32_t cfg_vm;
    uint32_t pt_base;
    uint32_t pt_attr;
    uint32_t flush_start;
    uint32_t flush_end;
    uint32_t int_status;
    uint32_t fault_va;
    uint32_t fault_info;
    uint32_t fault_info1;
    uint32_t fault_info2;
    uint32_t pmmu_indicator;
    uint32_t stream[EXYNOS_SYSMMU_V9_PMMUS][EXYNOS_SYSMMU_V9_STREAMS][4];

    /* the TLB: leaf translations, kept until invalidated */
    ExynosSysmmuTlbEntry tlb[EXYNOS_SYSMMU_TLB_MAX];
    unsigned int tlb_next;

    /* stall mode: the faulting transaction waits for the fault clear */
    bool stalled;       /* the last failed translation is waiting */
    bool resumed;       /* the next translation retries a resumed one */
    bool txn_failed;    /* until the master ends its failed access */
    uint64_t stall_page;        /* the stalled access, to know its retry */
    bool stall_write;
    NotifierList resume_notifiers;

    /* statistics, for tracing and debugging */
    uint64_t walks;
    uint64_t hits;
    uint64_t faults;
};

/*
 * Called by a master when an access through @s failed, which ends that
 * access (until then, translations of its further addresses fail without
 * a new fault). True if the access is stalled (blocked, or a fault in
 * stall mode) rather than aborted: the master then waits for a resume
 * notification and retries it.
 */
bool exynos_sysmmu_take_stall(ExynosSysmmuState *s);
void exynos_sysmmu_add_resume_notifier(ExynosSysmmuState *s, Notifier *n);

typedef struct ExynosSysmmuDmaPort {
    Notifier resume;
    ExynosSysmmuDmaState *dma;
} ExynosSysmmuDmaPort;

struct ExynosSysmmuDmaState {
    SysBusDevice parent_obj;

    MemoryRegion iomem;
    qemu_irq irq;
    QEMUBH *bh;

    ExynosSysmmuState *mmu[EXYNOS_SYSMMU_DMA_PORTS];
    AddressSpace port_as[EXYNOS_SYSMMU_DMA_PORTS];
    ExynosSysmmuDmaPort port[EXYNOS_SYSMMU_DMA_PORTS];

    uint8_t buf[EXYNOS_SYSMMU_DMA_CHUNK];
    bool chunk_read;            /* buf holds the chunk a stalled write needs */

    uint64_t src;
    uint64_t dst;
    uint32_t len;
    uint32_t ports;
    uint32_t status;
    uint32_t irq_enable;
    uint32_t done_bytes;
    uint64_t err_addr;
    uint32_t err_port;
    uint32_t transfers;
};

/*
 * Place System MMU instances and DMA masters on a board, as @spec says:
 * masters separated by ':', each the '+'-separated families ("v7",
 * "v7-vm", "v9") of the instances in front of its ports, in port order;
 * e.g. "v7+v7+v7:v7-vm+v7-vm:v9+v9". Instance n (counting across
 * masters) is mapped at @mmu_base + n * 64 KiB with GPIO input
 * @mmu_irq + n of @intc, master m at @dma_base + m * 4 KiB with input
 * @dma_irq + m. v9 instances take 36-bit IOVAs, the others 32-bit.
 */
bool exynos_sysmmu_place(const char *spec, hwaddr mmu_base, hwaddr dma_base,
                         DeviceState *intc, int mmu_irq, int dma_irq,
                         Error **errp);

#endif
