/*
 * Samsung Exynos System MMU
 *
 * Copyright (c) 2025 The exynos-sysmmu workbench authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 *
 * One System MMU instance in front of one bus port of a master. Modelled:
 *
 * - the register layouts of three families, chosen by the "family"
 *   property: "v7" (v5/v7 layout without VM registers), "v7-vm" (v7 with
 *   the VM register block, VM 0 only) and "v9" (per-VM block at 0x8000,
 *   VM 0 only, with the stream-table and walker information registers);
 *   VERSION and CAPA0/CAPA1 read what the properties say;
 * - CTRL enable and block (v7 families), CTRL_VM enable, interrupt enable
 *   and fault stall mode (v7-vm, v9); a disabled instance passes
 *   transactions through untranslated;
 * - the two-level page-table walk: entries hold the physical address
 *   shifted right by 4, level 1 has 4096 (32-bit IOVA) or 65536 (36-bit
 *   IOVA, "va-bits" property) entries of 1 MiB, level 2 256 entries of
 *   4 KiB; 1 MiB sections, 64 KiB large pages and 4 KiB small pages; the
 *   2-bit read/write permission fields (level 1 bits 5:4, level 2 bits
 *   3:2), checked always on the v7 families and with USE_AP on v9;
 * - a TLB of leaf translations that keeps every translation until the
 *   driver invalidates it (all, one entry, a range), so that a missing
 *   invalidation shows up as stale DMA;
 * - faults (page-table walk bus error, page fault, access protection)
 *   latched in the status, VA and info registers until cleared, raised on
 *   the interrupt while interrupts are enabled. Without stall mode the
 *   faulting transaction is aborted (the master sees a bus error); in
 *   stall mode it waits until the fault is cleared, is then retried once,
 *   and is aborted without a new report if it faults again.
 *
 * Not modelled: VMs other than 0, the level-1 (FLPD) cache, v1-v5 and
 * "v8" layouts, stream matching on v9 (every transaction uses VM 0's
 * context), the secure interrupt, and the TLB's size-based replacement
 * beyond round robin.
 */

#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/module.h"
#include "qapi/error.h"
#include "hw/irq.h"
#include "hw/qdev-properties.h"
#include "hw/misc/exynos_sysmmu.h"
#include "exec/address-spaces.h"
#include "migration/vmstate.h"
#include "trace.h"

/* Registers of every family */
#define REG_CTRL                0x000
#define   CTRL_ENABLE           (1u << 0)
#define   CTRL_BLOCK            (1u << 1)
#define   CTRL_INT_ENABLE       (1u << 2)
#define REG_CFG                 0x004
#define REG_STATUS              0x008
#define   STATUS_BLOCKED        (1u << 0)
#define REG_VERSION             0x034
#define REG_CAPA0               0x870
#define REG_CAPA1               0x874

/* v7 without VM registers (the v5 layout plus FAULT_VA/FAULT_INFO) */
#define REG_V7_PT_BASE          0x00c
#define REG_V7_FLUSH_ALL        0x010
#define REG_V7_FLUSH_ENTRY      0x014
#define REG_V7_FLUSH_RANGE      0x018
#define REG_V7_FLUSH_START      0x020
#define REG_V7_FLUSH_END        0x024
#define REG_V7_INT_STATUS       0x060
#define REG_V7_INT_CLEAR        0x064
#define REG_V7_FAULT_VA         0x070
#define REG_V7_FAULT_INFO       0x078
#define   V7_FAULT_INFO_WRITE   (1u << 20)

/* v7 with VM registers, VM 0 */
#define REG_V7VM_CTRL_VM        0x8000
#define   CTRL_VM_ENABLE        (1u << 0)
#define   CTRL_VM_INT_ENABLE    (1u << 2)
#define   CTRL_VM_FAULT_STALL   (1u << 3)
#define REG_V7VM_CFG_VM         0x8004
#define REG_V7VM_PT_BASE        0x800c
#define REG_V7VM_FLUSH_ALL      0x8010
#define REG_V7VM_FLUSH_ENTRY    0x8014
#define REG_V7VM_FLUSH_RANGE    0x8018
#define REG_V7VM_FLUSH_START    0x8020
#define REG_V7VM_FLUSH_END      0x8024
#define REG_V7VM_FAULT_VA       0x1000
#define REG_V7VM_FAULT_INFO     0x1004

#define FLUSH_ENTRY_VALID       (1u << 0)

/* v9, VM 0 */
#define REG_V9_NUM_CONTEXT      0x100
#define REG_V9_STREAM_BASE      0x2000
#define REG_V9_STREAM_END       (REG_V9_STREAM_BASE + \
                                 EXYNOS_SYSMMU_V9_STREAMS * 0x10)
#define REG_V9_PMMU_INDICATOR   0x2ffc
#define REG_V9_PMMU_INFO        0x3000
#define   V9_PMMU_INFO_VA36     (1u << 0)
#define REG_V9_SWALKER_INFO     0x3004
#define REG_V9_CTRL_VM          0x8000
#define REG_V9_ALL_INV          0x8010
#define REG_V9_RANGE_INV_START  0x8020
#define REG_V9_RANGE_INV_END    0x8024
#define   V9_RANGE_TRIGGER      (1u << 0)
#define   V9_VPN_SHIFT          4
#define REG_V9_FAULT_STATUS     0x8060
#define REG_V9_FAULT_CLEAR      0x8064
#define REG_V9_FAULT_VA         0x8070
#define REG_V9_FAULT_INFO0      0x8074
#define   V9_INFO0_WRITE        (1u << 20)
#define   V9_INFO0_VA36         (1u << 21)
#define   V9_INFO0_VA_HIGH_SHIFT 22
#define REG_V9_FAULT_INFO1      0x8078
#define REG_V9_FAULT_INFO2      0x807c
#define REG_V9_FLPT_BASE        0x8404
#define REG_V9_ATTR             0x8408
#define   V9_ATTR_USE_AP        (1u << 2)

/* Fault types: the status bit of VM 0 on every modelled family */
enum {
    FAULT_PTW = 0,
    FAULT_PAGE = 1,
    FAULT_ACCESS = 2,
};

/* Page-table format */
#define PT_BASE_SHIFT           12
#define PTE_SHIFT               4
#define PA_MASK                 ((1ull << 36) - 1)
#define LV1_SHIFT               20
#define LV2_SHIFT               12
#define LV2_ENTRIES             256
#define ENT_TYPE(e)             ((e) & 3)
#define LV1_TABLE               1
#define LV1_SECT                2
#define LV2_LARGE               1
#define LV2_SMALL_BIT           (1u << 1)
#define LV1_PROT(e)             (((e) >> 4) & 3)
#define LV2_PROT(e)             (((e) >> 2) & 3)
#define LV1_TABLE_ADDR_MASK     (~0x3fu)
#define PT_PROT_READ            1
#define PT_PROT_WRITE           2
#define SIZE_4K                 0x1000ull
#define SIZE_64K                0x10000ull
#define SIZE_1M                 0x100000ull

static const char *const exynos_sysmmu_family_names[] = {
    [EXYNOS_SYSMMU_V7] = "v7",
    [EXYNOS_SYSMMU_V7_VM] = "v7-vm",
    [EXYNOS_SYSMMU_V9] = "v9",
};

static bool exynos_sysmmu_has_vm(ExynosSysmmuState *s)
{
    return s->family != EXYNOS_SYSMMU_V7;
}

static bool exynos_sysmmu_enabled(ExynosSysmmuState *s)
{
    switch (s->family) {
    case EXYNOS_SYSMMU_V7:
        return s->ctrl & CTRL_ENABLE;
    case EXYNOS_SYSMMU_V7_VM:
        return (s->ctrl & CTRL_ENABLE) && (s->ctrl_vm & CTRL_VM_ENABLE);
    default:
        return s->ctrl_vm & CTRL_VM_ENABLE;
    }
}

static bool exynos_sysmmu_blocked(ExynosSysmmuState *s)
{
    return s->family != EXYNOS_SYSMMU_V9 && (s->ctrl & CTRL_BLOCK);
}

static bool exynos_sysmmu_int_enabled(ExynosSysmmuState *s)
{
    if (s->family == EXYNOS_SYSMMU_V9) {
        return s->ctrl_vm & CTRL_VM_INT_ENABLE;
    }
    return s->ctrl & CTRL_INT_ENABLE;
}

static bool exynos_sysmmu_stall_mode(ExynosSysmmuState *s)
{
    return exynos_sysmmu_has_vm(s) && (s->ctrl_vm & CTRL_VM_FAULT_STALL);
}

static void exynos_sysmmu_update_irq(ExynosSysmmuState *s)
{
    qemu_set_irq(s->irq, s->int_status && exynos_sysmmu_int_enabled(s));
}

static void exynos_sysmmu_resume(ExynosSysmmuState *s)
{
    notifier_list_notify(&s->resume_notifiers, s);
}

/* TLB */

static void exynos_sysmmu_tlb_flush_all(ExynosSysmmuState *s)
{
    trace_exynos_sysmmu_flush(s->family_name, 0, UINT64_MAX);
    memset(s->tlb, 0, sizeof(s->tlb));
}

/* Invalidates every entry overlapping [first, last]. */
static void exynos_sysmmu_tlb_flush_range(ExynosSysmmuState *s,
                                          uint64_t first, uint64_t last)
{
    unsigned int i;

    trace_exynos_sysmmu_flush(s->family_name, first, last);
    for (i = 0; i < s->tlb_entries; i++) {
        ExynosSysmmuTlbEntry *e = &s->tlb[i];

        if (e->valid && e->iova <= last && first <= e->iova + e->mask) {
            e->valid = false;
        }
    }
}

static ExynosSysmmuTlbEntry *exynos_sysmmu_tlb_lookup(ExynosSysmmuState *s,
                                                      uint64_t iova)
{
    unsigned int i;

    for (i = 0; i < s->tlb_entries; i++) {
        ExynosSysmmuTlbEntry *e = &s->tlb[i];

        if (e->valid && (iova & ~e->mask) == e->iova) {
            return e;
        }
    }
    return NULL;
}

static void exynos_sysmmu_tlb_insert(ExynosSysmmuState *s,
                                     const ExynosSysmmuTlbEntry *e)
{
    s->tlb[s->tlb_next] = *e;
    s->tlb_next = (s->tlb_next + 1) % s->tlb_entries;
}

/* Page-table walk */

static uint32_t exynos_sysmmu_pt_base(ExynosSysmmuState *s)
{
    return s->pt_base;
}

static IOMMUAccessFlags exynos_sysmmu_prot(uint32_t field)
{
    return (field & PT_PROT_READ ? IOMMU_RO : 0) |
           (field & PT_PROT_WRITE ? IOMMU_WO : 0);
}

/* Fills @e for @iova from the tables in memory; a fault type on failure. */
static int exynos_sysmmu_walk(ExynosSysmmuState *s, uint64_t iova,
                              ExynosSysmmuTlbEntry *e)
{
    uint64_t lv1_table = (uint64_t)exynos_sysmmu_pt_base(s) << PT_BASE_SHIFT;
    uint64_t lv2_table;
    uint32_t lv1, lv2;
    MemTxResult res;

    s->walks++;
    if (iova >> s->va_bits) {
        return FAULT_PAGE;
    }
    lv1 = address_space_ldl_le(&address_space_memory,
                               lv1_table + (iova >> LV1_SHIFT) * 4,
                               MEMTXATTRS_UNSPECIFIED, &res);
    if (res != MEMTX_OK) {
        return FAULT_PTW;
    }
    switch (ENT_TYPE(lv1)) {
    case LV1_SECT:
        e->mask = SIZE_1M - 1;
        e->pa = ((uint64_t)lv1 << PTE_SHIFT) & PA_MASK & ~e->mask;
        e->perm = exynos_sysmmu_prot(LV1_PROT(lv1));
        break;
    case LV1_TABLE:
        lv2_table = ((uint64_t)(lv1 & LV1_TABLE_ADDR_MASK) << PTE_SHIFT) &
                    PA_MASK;
        lv2 = address_space_ldl_le(&address_space_memory, lv2_table +
                                   ((iova >> LV2_SHIFT) % LV2_ENTRIES) * 4,
                                   MEMTXATTRS_UNSPECIFIED, &res);
        if (res != MEMTX_OK) {
            return FAULT_PTW;
        }
        if (lv2 & LV2_SMALL_BIT) {
            e->mask = SIZE_4K - 1;
        } else if (ENT_TYPE(lv2) == LV2_LARGE) {
            e->mask = SIZE_64K - 1;
        } else {
            return FAULT_PAGE;
        }
        e->pa = ((uint64_t)lv2 << PTE_SHIFT) & PA_MASK & ~e->mask;
        e->perm = exynos_sysmmu_prot(LV2_PROT(lv2));
        break;
    default:
        return FAULT_PAGE;
    }
    e->iova = iova & ~e->mask;
    e->valid = true;
    return -1;
}

static bool exynos_sysmmu_checks_perm(ExynosSysmmuState *s)
{
    return s->family != EXYNOS_SYSMMU_V9 || (s->pt_attr & V9_ATTR_USE_AP);
}

/* Latches a fault unless one is pending, and raises the interrupt. */
static void exynos_sysmmu_fault(ExynosSysmmuState *s, uint64_t iova,
                                bool write, int type)
{
    s->faults++;
    trace_exynos_sysmmu_fault(s->family_name, iova, write, type);
    if (!s->int_status) {
        s->fault_va = iova;
        if (s->family == EXYNOS_SYSMMU_V9) {
            s->fault_info = write ? V9_INFO0_WRITE : 0;
            if (s->va_bits > 32) {
                s->fault_info |= V9_INFO0_VA36 |
                    (uint32_t)((iova >> 32) & 0xf) << V9_INFO0_VA_HIGH_SHIFT;
            }
            s->fault_info1 = 0;
            s->fault_info2 = 0;
        } else {
            s->fault_info = write ? V7_FAULT_INFO_WRITE : 0;
        }
    }
    s->int_status |= 1u << type;
    exynos_sysmmu_update_irq(s);
}

static IOMMUTLBEntry exynos_sysmmu_translate(IOMMUMemoryRegion *mr,
                                             hwaddr addr,
                                             IOMMUAccessFlags flag,
                                             int iommu_idx)
{
    ExynosSysmmuState *s = container_of(mr, ExynosSysmmuState, iommu);
    IOMMUTLBEntry ret = {
        .target_as = &address_space_memory,
        .iova = addr & ~(SIZE_4K - 1),
        .translated_addr = addr & ~(SIZE_4K - 1),
        .addr_mask = SIZE_4K - 1,
        .perm = IOMMU_NONE,
    };
    ExynosSysmmuTlbEntry walked, *e;
    bool write = flag & IOMMU_WO;
    bool retry;
    int fault;

    if (flag == IOMMU_NONE || s->txn_failed) {
        /*
         * A lookup without an access (e.g. a replay), or the rest of a
         * transaction that already failed: QEMU's memory API goes on
         * translating the following addresses of an access that failed,
         * which must neither report nor stall again.
         */
        return ret;
    }
    /* The resumed transaction is retried once: is this it? */
    retry = s->resumed && (addr & ~(SIZE_4K - 1)) == s->stall_page &&
            write == s->stall_write;
    if (retry) {
        s->resumed = false;
    }
    if (exynos_sysmmu_blocked(s)) {
        s->stalled = true;
        s->txn_failed = true;
        return ret;
    }
    if (!exynos_sysmmu_enabled(s)) {
        ret.perm = IOMMU_RW;
        return ret;
    }

    e = exynos_sysmmu_tlb_lookup(s, addr);
    if (e) {
        s->hits++;
    } else {
        fault = exynos_sysmmu_walk(s, addr, &walked);
        if (fault >= 0) {
            goto fault;
        }
        exynos_sysmmu_tlb_insert(s, &walked);
        e = &walked;
    }
    if (exynos_sysmmu_checks_perm(s) && (e->perm & flag) != flag) {
        fault = FAULT_ACCESS;
        goto fault;
    }
    trace_exynos_sysmmu_translate(s->family_name, addr,
                                  e->pa | (addr & e->mask), write);
    ret.iova = e->iova;
    ret.translated_addr = e->pa;
    ret.addr_mask = e->mask;
    ret.perm = IOMMU_RW;
    return ret;

fault:
    s->txn_failed = true;
    if (retry) {
        /* A resumed transaction that faults again is aborted. */
        return ret;
    }
    exynos_sysmmu_fault(s, addr, write, fault);
    s->stalled = exynos_sysmmu_stall_mode(s);
    s->stall_page = addr & ~(SIZE_4K - 1);
    s->stall_write = write;
    return ret;
}

bool exynos_sysmmu_take_stall(ExynosSysmmuState *s)
{
    bool stalled = s->stalled;

    s->stalled = false;
    s->txn_failed = false;
    return stalled;
}

void exynos_sysmmu_add_resume_notifier(ExynosSysmmuState *s, Notifier *n)
{
    notifier_list_add(&s->resume_notifiers, n);
}

/* Register access */

static void exynos_sysmmu_int_clear(ExynosSysmmuState *s, uint32_t val)
{
    bool was_pending = s->int_status;

    s->int_status &= ~val;
    exynos_sysmmu_update_irq(s);
    if (was_pending && !s->int_status) {
        s->resumed = exynos_sysmmu_stall_mode(s);
        exynos_sysmmu_resume(s);
    }
}

static void exynos_sysmmu_write_ctrl(ExynosSysmmuState *s, uint32_t val)
{
    bool was_blocked = exynos_sysmmu_blocked(s);

    s->ctrl = val;
    exynos_sysmmu_update_irq(s);
    if (was_blocked && !exynos_sysmmu_blocked(s)) {
        exynos_sysmmu_resume(s);
    }
}

/* v7 FLUSH_RANGE: START and END are addresses, END's page included. */
static void exynos_sysmmu_v7_flush_range(ExynosSysmmuState *s)
{
    exynos_sysmmu_tlb_flush_range(s, s->flush_start & ~(SIZE_4K - 1),
                                  (s->flush_end & ~(SIZE_4K - 1)) +
                                  SIZE_4K - 1);
}

/* v9: START and END are 4 KiB-aligned addresses shifted right by 4. */
static void exynos_sysmmu_v9_flush_range(ExynosSysmmuState *s)
{
    uint64_t first = (uint64_t)s->flush_start << V9_VPN_SHIFT;
    uint64_t last = (uint64_t)(s->flush_end & ~V9_RANGE_TRIGGER) <<
                    V9_VPN_SHIFT;

    exynos_sysmmu_tlb_flush_range(s, first & ~(SIZE_4K - 1),
                                  (last & ~(SIZE_4K - 1)) + SIZE_4K - 1);
}

static void exynos_sysmmu_flush_entry(ExynosSysmmuState *s, uint32_t val)
{
    uint64_t va = val & ~(SIZE_4K - 1);

    if (val & FLUSH_ENTRY_VALID) {
        exynos_sysmmu_tlb_flush_range(s, va, va + SIZE_4K - 1);
    }
}

static uint32_t *exynos_sysmmu_v9_stream_reg(ExynosSysmmuState *s,
                                             hwaddr offset)
{
    unsigned int pmmu = s->pmmu_indicator;

    if (pmmu >= EXYNOS_SYSMMU_V9_PMMUS) {
        return NULL;
    }
    offset -= REG_V9_STREAM_BASE;
    return &s->stream[pmmu][offset / 0x10][(offset % 0x10) / 4];
}

static bool exynos_sysmmu_v9_read(ExynosSysmmuState *s, hwaddr offset,
                                  uint64_t *val)
{
    uint32_t *reg;

    switch (offset) {
    case REG_VERSION:
        *val = s->version;
        return true;
    case REG_V9_NUM_CONTEXT:
        *val = 1;
        return true;
    case REG_V9_PMMU_INDICATOR:
        *val = s->pmmu_indicator;
        return true;
    case REG_V9_PMMU_INFO:
        if (s->pmmu_indicator >= EXYNOS_SYSMMU_V9_PMMUS) {
            *val = 0;
            return true;
        }
        *val = (EXYNOS_SYSMMU_V9_STREAMS << 16) | (8 << 1) |
               (s->va_bits > 32 ? V9_PMMU_INFO_VA36 : 0);
        return true;
    case REG_V9_SWALKER_INFO:
        *val = (8 << 16) | EXYNOS_SYSMMU_V9_PMMUS;
        return true;
    case REG_V9_CTRL_VM:
        *val = s->ctrl_vm;
        return true;
    case REG_V9_RANGE_INV_START:
        *val = s->flush_start;
        return true;
    case REG_V9_RANGE_INV_END:
        *val = s->flush_end;
        return true;
    case REG_V9_FAULT_STATUS:
        *val = s->int_status;
        return true;
    case REG_V9_FAULT_VA:
        *val = s->fault_va;
        return true;
    case REG_V9_FAULT_INFO0:
        *val = s->fault_info;
        return true;
    case REG_V9_FAULT_INFO1:
        *val = s->fault_info1;
        return true;
    case REG_V9_FAULT_INFO2:
        *val = s->fault_info2;
        return true;
    case REG_V9_FLPT_BASE:
        *val = s->pt_base;
        return true;
    case REG_V9_ATTR:
        *val = s->pt_attr;
        return true;
    case REG_V9_ALL_INV:
    case REG_V9_FAULT_CLEAR:
        *val = 0;
        return true;
    }
    if (offset >= REG_V9_STREAM_BASE && offset < REG_V9_STREAM_END) {
        reg = exynos_sysmmu_v9_stream_reg(s, offset);
        *val = reg ? *reg : 0;
        return true;
    }
    return false;
}

static bool exynos_sysmmu_v9_write(ExynosSysmmuState *s, hwaddr offset,
                                   uint32_t val)
{
    uint32_t *reg;

    switch (offset) {
    case REG_V9_PMMU_INDICATOR:
        s->pmmu_indicator = val;
        return true;
    case REG_V9_CTRL_VM:
        s->ctrl_vm = val;
        exynos_sysmmu_update_irq(s);
        return true;
    case REG_V9_ALL_INV:
        if (val & 1) {
            exynos_sysmmu_tlb_flush_all(s);
        }
        return true;
    case REG_V9_RANGE_INV_START:
        s->flush_start = val;
        return true;
    case REG_V9_RANGE_INV_END:
        s->flush_end = val;
        if (val & V9_RANGE_TRIGGER) {
            exynos_sysmmu_v9_flush_range(s);
        }
        return true;
    case REG_V9_FAULT_CLEAR:
        exynos_sysmmu_int_clear(s, val);
        return true;
    case REG_V9_FLPT_BASE:
        s->pt_base = val;
        return true;
    case REG_V9_ATTR:
        s->pt_attr = val;
        return true;
    }
    if (offset >= REG_V9_STREAM_BASE && offset < REG_V9_STREAM_END) {
        reg = exynos_sysmmu_v9_stream_reg(s, offset);
        if (reg) {
            *reg = val;
        }
        return true;
    }
    return false;
}

/* The v7 registers that moved into the VM block on v7-vm, by offset. */
static hwaddr exynos_sysmmu_v7_reg(ExynosSysmmuState *s, hwaddr offset)
{
    static const struct {
        hwaddr v7, v7vm;
    } map[] = {
        { REG_V7_PT_BASE, REG_V7VM_PT_BASE },
        { REG_V7_FLUSH_ALL, REG_V7VM_FLUSH_ALL },
        { REG_V7_FLUSH_ENTRY, REG_V7VM_FLUSH_ENTRY },
        { REG_V7_FLUSH_RANGE, REG_V7VM_FLUSH_RANGE },
        { REG_V7_FLUSH_START, REG_V7VM_FLUSH_START },
        { REG_V7_FLUSH_END, REG_V7VM_FLUSH_END },
        { REG_V7_FAULT_VA, REG_V7VM_FAULT_VA },
        { REG_V7_FAULT_INFO, REG_V7VM_FAULT_INFO },
    };
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(map); i++) {
        if (exynos_sysmmu_has_vm(s) ? offset == map[i].v7vm :
                                      offset == map[i].v7) {
            return map[i].v7;
        }
        if (exynos_sysmmu_has_vm(s) && offset == map[i].v7) {
            return 0xffff;      /* not in this layout */
        }
    }
    return offset;
}

static bool exynos_sysmmu_v7_read(ExynosSysmmuState *s, hwaddr offset,
                                  uint64_t *val)
{
    switch (exynos_sysmmu_v7_reg(s, offset)) {
    case REG_CTRL:
        *val = s->ctrl;
        return true;
    case REG_CFG:
        *val = s->cfg;
        return true;
    case REG_STATUS:
        *val = exynos_sysmmu_blocked(s) ? STATUS_BLOCKED : 0;
        return true;
    case REG_VERSION:
        *val = s->version;
        return true;
    case REG_CAPA0:
        *val = s->capa0;
        return true;
    case REG_CAPA1:
        *val = s->capa1;
        return true;
    case REG_V7_PT_BASE:
        *val = s->pt_base;
        return true;
    case REG_V7_FLUSH_START:
        *val = s->flush_start;
        return true;
    case REG_V7_FLUSH_END:
        *val = s->flush_end;
        return true;
    case REG_V7_INT_STATUS:
        *val = s->int_status;
        return true;
    case REG_V7_FAULT_VA:
        *val = s->fault_va;
        return true;
    case REG_V7_FAULT_INFO:
        *val = s->fault_info;
        return true;
    case REG_V7_FLUSH_ALL:
    case REG_V7_FLUSH_ENTRY:
    case REG_V7_FLUSH_RANGE:
    case REG_V7_INT_CLEAR:
        *val = 0;
        return true;
    }
    if (exynos_sysmmu_has_vm(s)) {
        switch (offset) {
        case REG_V7VM_CTRL_VM:
            *val = s->ctrl_vm;
            return true;
        case REG_V7VM_CFG_VM:
            *val = s->cfg_vm;
            return true;
        }
    }
    return false;
}

static bool exynos_sysmmu_v7_write(ExynosSysmmuState *s, hwaddr offset,
                                   uint32_t val)
{
    switch (exynos_sysmmu_v7_reg(s, offset)) {
    case REG_CTRL:
        exynos_sysmmu_write_ctrl(s, val);
        return true;
    case REG_CFG:
        s->cfg = val;
        return true;
    case REG_V7_PT_BASE:
        s->pt_base = val;
        return true;
    case REG_V7_FLUSH_ALL:
        if (val & 1) {
            exynos_sysmmu_tlb_flush_all(s);
        }
        return true;
    case REG_V7_FLUSH_ENTRY:
        exynos_sysmmu_flush_entry(s, val);
        return true;
    case REG_V7_FLUSH_START:
        s->flush_start = val;
        return true;
    case REG_V7_FLUSH_END:
        s->flush_end = val;
        return true;
    case REG_V7_FLUSH_RANGE:
        if (val & 1) {
            exynos_sysmmu_v7_flush_range(s);
        }
        return true;
    case REG_V7_INT_CLEAR:
        exynos_sysmmu_int_clear(s, val);
        return true;
    }
    if (exynos_sysmmu_has_vm(s)) {
        switch (offset) {
        case REG_V7VM_CTRL_VM:
            s->ctrl_vm = val;
            exynos_sysmmu_update_irq(s);
            return true;
        case REG_V7VM_CFG_VM:
            s->cfg_vm = val;
            return true;
        }
    }
    return false;
}

static uint64_t exynos_sysmmu_read(void *opaque, hwaddr offset, unsigned size)
{
    ExynosSysmmuState *s = opaque;
    uint64_t val = 0;
    bool known;

    if (s->family == EXYNOS_SYSMMU_V9) {
        known = exynos_sysmmu_v9_read(s, offset, &val);
    } else {
        known = exynos_sysmmu_v7_read(s, offset, &val);
    }
    if (!known) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: %s: read of unknown register 0x%" HWADDR_PRIx "\n",
                      __func__, s->family_name, offset);
    }
    trace_exynos_sysmmu_read(s->family_name, offset, val);
    return val;
}

static void exynos_sysmmu_write(void *opaque, hwaddr offset, uint64_t val,
                                unsigned size)
{
    ExynosSysmmuState *s = opaque;
    bool known;

    trace_exynos_sysmmu_write(s->family_name, offset, val);
    if (s->family == EXYNOS_SYSMMU_V9) {
        known = exynos_sysmmu_v9_write(s, offset, val);
    } else {
        known = exynos_sysmmu_v7_write(s, offset, val);
    }
    if (!known) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: %s: write of unknown register 0x%" HWADDR_PRIx
                      " value 0x%" PRIx64 "\n",
                      __func__, s->family_name, offset, val);
    }
}

static const MemoryRegionOps exynos_sysmmu_ops = {
    .read = exynos_sysmmu_read,
    .write = exynos_sysmmu_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void exynos_sysmmu_reset(DeviceState *dev)
{
    ExynosSysmmuState *s = EXYNOS_SYSMMU(dev);

    s->ctrl = 0;
    s->cfg = 0;
    s->ctrl_vm = 0;
    s->cfg_vm = 0;
    s->pt_base = 0;
    s->pt_attr = 0;
    s->flush_start = 0;
    s->flush_end = 0;
    s->int_status = 0;
    s->fault_va = 0;
    s->fault_info = 0;
    s->fault_info1 = 0;
    s->fault_info2 = 0;
    s->pmmu_indicator = 0;
    memset(s->stream, 0, sizeof(s->stream));
    memset(s->tlb, 0, sizeof(s->tlb));
    s->tlb_next = 0;
    s->stalled = false;
    s->resumed = false;
    s->txn_failed = false;
    s->stall_page = 0;
    s->stall_write = false;
    exynos_sysmmu_update_irq(s);
}

static void exynos_sysmmu_realize(DeviceState *dev, Error **errp)
{
    ExynosSysmmuState *s = EXYNOS_SYSMMU(dev);
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    unsigned int i;

    for (i = 0; i < ARRAY_SIZE(exynos_sysmmu_family_names); i++) {
        if (!g_strcmp0(s->family_name, exynos_sysmmu_family_names[i])) {
            break;
        }
    }
    if (i == ARRAY_SIZE(exynos_sysmmu_family_names)) {
        error_setg(errp, "exynos-sysmmu: family must be v7, v7-vm or v9");
        return;
    }
    s->family = i;
    if (s->va_bits != 32 && s->va_bits != 36) {
        error_setg(errp, "exynos-sysmmu: va-bits must be 32 or 36");
        return;
    }
    if (s->tlb_entries < 1 || s->tlb_entries > EXYNOS_SYSMMU_TLB_MAX) {
        error_setg(errp, "exynos-sysmmu: tlb-entries must be 1 to %d",
                   EXYNOS_SYSMMU_TLB_MAX);
        return;
    }
    /* UINT32_MAX: the family's default. */
    if (s->version == UINT32_MAX) {
        s->version = s->family == EXYNOS_SYSMMU_V9 ? 0x90000000 : 0x70800000;
    }
    if (s->capa0 == UINT32_MAX) {
        s->capa0 = s->family == EXYNOS_SYSMMU_V7_VM ? 1u << 11 : 0;
    }
    if (s->capa1 == UINT32_MAX) {
        s->capa1 = s->family == EXYNOS_SYSMMU_V7_VM ? 1u << 14 : 0;
    }

    notifier_list_init(&s->resume_notifiers);
    memory_region_init_io(&s->iomem, OBJECT(s), &exynos_sysmmu_ops, s,
                          TYPE_EXYNOS_SYSMMU, EXYNOS_SYSMMU_MMIO_SIZE);
    sysbus_init_mmio(sbd, &s->iomem);
    sysbus_init_irq(sbd, &s->irq);
    memory_region_init_iommu(&s->iommu, sizeof(s->iommu),
                             TYPE_EXYNOS_SYSMMU_IOMMU_MEMORY_REGION,
                             OBJECT(s), "exynos-sysmmu-iommu",
                             1ull << s->va_bits);
}

static const VMStateDescription vmstate_exynos_sysmmu_tlb_entry = {
    .name = "exynos-sysmmu-tlb-entry",
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_BOOL(valid, ExynosSysmmuTlbEntry),
        VMSTATE_UINT64(iova, ExynosSysmmuTlbEntry),
        VMSTATE_UINT64(pa, ExynosSysmmuTlbEntry),
        VMSTATE_UINT64(mask, ExynosSysmmuTlbEntry),
        VMSTATE_UINT32(perm, ExynosSysmmuTlbEntry),
        VMSTATE_END_OF_LIST()
    },
};

static const VMStateDescription vmstate_exynos_sysmmu = {
    .name = TYPE_EXYNOS_SYSMMU,
    .version_id = 1,
    .minimum_version_id = 1,
    .fields = (VMStateField[]) {
        VMSTATE_UINT32(ctrl, ExynosSysmmuState),
        VMSTATE_UINT32(cfg, ExynosSysmmuState),
        VMSTATE_UINT32(ctrl_vm, ExynosSysmmuState),
        VMSTATE_UINT32(cfg_vm, ExynosSysmmuState),
        VMSTATE_UINT32(pt_base, ExynosSysmmuState),
        VMSTATE_UINT32(pt_attr, ExynosSysmmuState),
        VMSTATE_UINT32(flush_start, ExynosSysmmuState),
        VMSTATE_UINT32(flush_end, ExynosSysmmuState),
        VMSTATE_UINT32(int_status, ExynosSysmmuState),
        VMSTATE_UINT32(fault_va, ExynosSysmmuState),
        VMSTATE_UINT32(fault_info, ExynosSysmmuState),
        VMSTATE_UINT32(fault_info1, ExynosSysmmuState),
        VMSTATE_UINT32(fault_info2, ExynosSysmmuState),
        VMSTATE_UINT32(pmmu_indicator, ExynosSysmmuState),
        VMSTATE_STRUCT_ARRAY(tlb, ExynosSysmmuState, EXYNOS_SYSMMU_TLB_MAX, 1,
                             vmstate_exynos_sysmmu_tlb_entry,
                             ExynosSysmmuTlbEntry),
        VMSTATE_UINT32(tlb_next, ExynosSysmmuState),
        VMSTATE_BOOL(stalled, ExynosSysmmuState),
        VMSTATE_BOOL(resumed, ExynosSysmmuState),
        VMSTATE_BOOL(txn_failed, ExynosSysmmuState),
        VMSTATE_UINT64(stall_page, ExynosSysmmuState),
        VMSTATE_BOOL(stall_write, ExynosSysmmuState),
        VMSTATE_END_OF_LIST()
    },
};

static Property exynos_sysmmu_properties[] = {
    DEFINE_PROP_STRING("family", ExynosSysmmuState, family_name),
    DEFINE_PROP_UINT32("version", ExynosSysmmuState, version, UINT32_MAX),
    DEFINE_PROP_UINT32("capa0", ExynosSysmmuState, capa0, UINT32_MAX),
    DEFINE_PROP_UINT32("capa1", ExynosSysmmuState, capa1, UINT32_MAX),
    DEFINE_PROP_UINT8("va-bits", ExynosSysmmuState, va_bits, 32),
    DEFINE_PROP_UINT32("tlb-entries", ExynosSysmmuState, tlb_entries, 16),
    DEFINE_PROP_END_OF_LIST(),
};

static void exynos_sysmmu_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = exynos_sysmmu_realize;
    dc->reset = exynos_sysmmu_reset;
    dc->vmsd = &vmstate_exynos_sysmmu;
    dc->desc = "Samsung Exynos System MMU";
    device_class_set_props(dc, exynos_sysmmu_properties);
}

static void exynos_sysmmu_iommu_memory_region_class_init(ObjectClass *klass,
                                                         void *data)
{
    IOMMUMemoryRegionClass *imrc = IOMMU_MEMORY_REGION_CLASS(klass);

    imrc->translate = exynos_sysmmu_translate;
}

static const TypeInfo exynos_sysmmu_types[] = {
    {
        .name = TYPE_EXYNOS_SYSMMU,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(ExynosSysmmuState),
        .class_init = exynos_sysmmu_class_init,
    }, {
        .name = TYPE_EXYNOS_SYSMMU_IOMMU_MEMORY_REGION,
        .parent = TYPE_IOMMU_MEMORY_REGION,
        .class_init = exynos_sysmmu_iommu_memory_region_class_init,
    },
};

DEFINE_TYPES(exynos_sysmmu_types)
