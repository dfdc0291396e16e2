// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU version 9 (Google zuma, zumapro, ExynosAuto v920): the
 * family description and its register sequences.
 *
 * v9 moves translation control into per-VM register blocks at 0x8000 +
 * vid * 0x1000; the driver uses VM 0 only, for every domain. Page-table
 * walkers (PMMUs) classify transactions by stream ID through stream tables
 * that are lost when the power is off: they are programmed from the
 * devicetree (streams.c) at probe and on every resume.
 *
 * Register facts the public sources do not give, and the choices made here:
 * - CTRL_VM: only the enable bit (0) is documented. Interrupt enable
 *   (bit 2) and fault stall (bit 3) are taken from the v7 CTRL/CTRL_VM
 *   layout; the global CTRL register (0x000) is not written.
 * - Clearing CTRL_VM's enable bit is assumed to make VM 0 bypass, as
 *   clearing CTRL does on v1-v7 (the identity domain relies on it).
 * - CONTEXT0_CFG_ATTRIBUTE_VM is written whole with USE_AP only: no QoS
 *   override, and non-cacheable page-table walks, since the driver cleans
 *   table writes to memory anyway.
 * - FAULT_CLEAR_VM is taken to be write-one-to-clear with the bits of
 *   FAULT_STATUS_VM; status bits above 4 are reported as unknown.
 * - No per-entry level-1 (FLPD) cache invalidation is documented: a new
 *   level-1 entry invalidates everything.
 * - The default stream configuration of a walker is STREAM_CFG of stream
 *   table entry 0 (0x2000), so devicetree entries start at 1; the value
 *   is written as the devicetree gives it, with no bit kept from the
 *   register. An entry is made valid (MATCH_CFG) after its other fields.
 * - The 2025 ExynosAuto v920 patch names FLUSH_ENTRY 0x8014 and
 *   FLUSH_RANGE 0x8018 as well; the VPN range registers documented for
 *   zuma are used for both SoCs until v920 hardware says otherwise.
 */

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/minmax.h>

#include "exynos-sysmmu.h"

#define SYSMMU_V9_CTRL_VM_ENABLE	BIT(0)
#define SYSMMU_V9_CTRL_VM_INT_ENABLE	BIT(2)
#define SYSMMU_V9_CTRL_VM_FAULT_STALL	BIT(3)
#define SYSMMU_V9_CTRL_VM_ON		(SYSMMU_V9_CTRL_VM_ENABLE | \
					 SYSMMU_V9_CTRL_VM_INT_ENABLE | \
					 SYSMMU_V9_CTRL_VM_FAULT_STALL)

#define SYSMMU_V9_ATTR_USE_AP		BIT(2)

/* Range invalidation: 4 KiB-aligned addresses >> 4, END bit 0 triggers. */
#define SYSMMU_V9_VPN_SHIFT		4
#define SYSMMU_V9_RANGE_TRIGGER		BIT(0)
#define SYSMMU_V9_PAGE_MASK		GENMASK_ULL(63, 12)

/* FAULT_STATUS_VM: one bit per fault type. */
#define SYSMMU_V9_FAULT_TYPES		5
#define SYSMMU_V9_FAULT_INFO0_VA_HIGH	GENMASK(25, 22)
#define SYSMMU_V9_FAULT_INFO0_VA36	BIT(21)
#define SYSMMU_V9_FAULT_INFO0_WRITE	BIT(20)
#define SYSMMU_V9_FAULT_INFO0_LEN	GENMASK(19, 16)
#define SYSMMU_V9_FAULT_INFO0_ASID	GENMASK(15, 0)
#define SYSMMU_V9_FAULT_INFO2_PMMU	GENMASK(31, 24)
#define SYSMMU_V9_FAULT_INFO2_STREAM	GENMASK(23, 0)

/* Page-table walkers and their stream tables. */
#define SYSMMU_REG_V9_STREAM_CFG(n)	(0x2000 + (n) * 0x10)
#define SYSMMU_REG_V9_MATCH_CFG(n)	(0x2004 + (n) * 0x10)
#define   SYSMMU_V9_MATCH_DIR		GENMASK(9, 8)
#define   SYSMMU_V9_MATCH_VALID		BIT(0)
#define SYSMMU_REG_V9_MATCH_SID_VALUE(n) (0x2008 + (n) * 0x10)
#define SYSMMU_REG_V9_MATCH_SID_MASK(n)	(0x200c + (n) * 0x10)
#define SYSMMU_REG_V9_PMMU_INDICATOR	0x2ffc
#define SYSMMU_REG_V9_PMMU_INFO		0x3000
#define   SYSMMU_V9_PMMU_INFO_VA36	BIT(0)
#define   SYSMMU_V9_PMMU_INFO_STREAMS	GENMASK(31, 16)
#define SYSMMU_REG_V9_SWALKER_INFO	0x3004
#define   SYSMMU_V9_SWALKER_INFO_PMMUS	GENMASK(15, 0)

/* The default stream configuration lives in entry 0's STREAM_CFG. */
#define SYSMMU_V9_DEFAULT_STREAM	0

/*
 * The walkers the instance reports, their stream table sizes and whether
 * every one of them takes 36-bit addresses.
 */
static int sysmmu_hw_v9_identify(struct sysmmu_member *member)
{
	struct sysmmu_stream_table *st = &member->streams;
	bool va36 = true;
	unsigned int p, n;
	u32 info;

	st->hw_pmmus = FIELD_GET(SYSMMU_V9_SWALKER_INFO_PMMUS,
				 sysmmu_read(member, SYSMMU_REG_V9_SWALKER_INFO));
	n = min_t(unsigned int, st->hw_pmmus, SYSMMU_MAX_PMMU);
	for (p = 0; p < n; p++) {
		sysmmu_write(member, SYSMMU_REG_V9_PMMU_INDICATOR, p);
		info = sysmmu_read(member, SYSMMU_REG_V9_PMMU_INFO);
		st->hw_entries[p] = FIELD_GET(SYSMMU_V9_PMMU_INFO_STREAMS, info);
		va36 &= !!(info & SYSMMU_V9_PMMU_INFO_VA36);
	}
	member->max_ias = n && va36 ? member->family->max_ias : 32;
	return 0;
}

/* Every walker's stream table, as the devicetree describes it. */
static void sysmmu_hw_v9_restore(struct sysmmu_member *member)
{
	const struct sysmmu_stream_table *st = &member->streams;
	unsigned int p, i;

	for (p = 0; p < st->nr_pmmu; p++) {
		sysmmu_write(member, SYSMMU_REG_V9_PMMU_INDICATOR, p);
		sysmmu_write(member,
			     SYSMMU_REG_V9_STREAM_CFG(SYSMMU_V9_DEFAULT_STREAM),
			     st->default_cfg[p]);
		for (i = 0; i < st->nr_streams; i++) {
			const struct sysmmu_stream *s = &st->streams[i];

			if (s->pmmu != p)
				continue;
			sysmmu_write(member, SYSMMU_REG_V9_STREAM_CFG(s->entry),
				     s->cfg);
			sysmmu_write(member,
				     SYSMMU_REG_V9_MATCH_SID_VALUE(s->entry),
				     s->sid);
			sysmmu_write(member,
				     SYSMMU_REG_V9_MATCH_SID_MASK(s->entry),
				     s->mask);
			sysmmu_write(member, SYSMMU_REG_V9_MATCH_CFG(s->entry),
				     FIELD_PREP(SYSMMU_V9_MATCH_DIR, s->dir) |
				     SYSMMU_V9_MATCH_VALID);
		}
	}
}

static void sysmmu_hw_v9_enable(struct sysmmu_member *member,
				phys_addr_t pt_base)
{
	const struct sysmmu_family *family = member->family;
	const struct sysmmu_family_regs *regs = &family->regs;

	sysmmu_write(member, regs->pt_base, pt_base >> family->pt_base_shift);
	sysmmu_write(member, regs->pt_attr, SYSMMU_V9_ATTR_USE_AP);
	sysmmu_write(member, regs->flush_all, 1);
	sysmmu_write(member, regs->ctrl_vm, SYSMMU_V9_CTRL_VM_ON);
}

static void sysmmu_hw_v9_disable(struct sysmmu_member *member)
{
	sysmmu_write(member, member->family->regs.ctrl_vm, 0);
}

static void sysmmu_hw_v9_flush_all(struct sysmmu_member *member)
{
	sysmmu_write(member, member->family->regs.flush_all, 1);
}

/* Two writes whatever the size: the END write starts the invalidation. */
static void sysmmu_hw_v9_flush_range(struct sysmmu_member *member, u64 iova,
				     u64 size)
{
	const struct sysmmu_family_regs *regs = &member->family->regs;
	u64 first = iova & SYSMMU_V9_PAGE_MASK;
	u64 last = (iova + size - 1) & SYSMMU_V9_PAGE_MASK;

	sysmmu_write(member, regs->flush_start, first >> SYSMMU_V9_VPN_SHIFT);
	sysmmu_write(member, regs->flush_end,
		     (last >> SYSMMU_V9_VPN_SHIFT) | SYSMMU_V9_RANGE_TRIGGER);
}

static void sysmmu_hw_v9_flush_lv1(struct sysmmu_member *member, u64 iova)
{
	sysmmu_hw_v9_flush_all(member);
}

static const enum sysmmu_fault_kind sysmmu_v9_fault_kinds[] = {
	SYSMMU_FAULT_PTW, SYSMMU_FAULT_PAGE, SYSMMU_FAULT_ACCESS,
	SYSMMU_FAULT_CONTEXT, SYSMMU_FAULT_UNKNOWN,
};

static bool sysmmu_hw_v9_decode_fault(struct sysmmu_member *member,
				      u32 status, struct sysmmu_fault *fault)
{
	const struct sysmmu_family_regs *regs = &member->family->regs;
	unsigned int bit = __ffs(status);
	u32 info0, info2;

	fault->status_bit = bit;
	fault->vid = 0;
	if (bit >= SYSMMU_V9_FAULT_TYPES)
		return false;
	fault->kind = sysmmu_v9_fault_kinds[bit];
	fault->iova = sysmmu_read(member, regs->fault_va);
	info0 = sysmmu_read(member, regs->fault_info);
	if (info0 & SYSMMU_V9_FAULT_INFO0_VA36)
		fault->iova |= (u64)FIELD_GET(SYSMMU_V9_FAULT_INFO0_VA_HIGH,
					      info0) << 32;
	fault->write = info0 & SYSMMU_V9_FAULT_INFO0_WRITE;
	fault->length = FIELD_GET(SYSMMU_V9_FAULT_INFO0_LEN, info0);
	fault->asid = FIELD_GET(SYSMMU_V9_FAULT_INFO0_ASID, info0);
	fault->axi_id = sysmmu_read(member, regs->fault_info1);
	info2 = sysmmu_read(member, regs->fault_info2);
	fault->pmmu = FIELD_GET(SYSMMU_V9_FAULT_INFO2_PMMU, info2);
	fault->stream = FIELD_GET(SYSMMU_V9_FAULT_INFO2_STREAM, info2);
	fault->detail = true;
	return true;
}

/* Write-one-to-clear of the status bit; nothing to unblock. */
static void sysmmu_hw_v9_clear_fault(struct sysmmu_member *member,
				     const struct sysmmu_fault *fault)
{
	sysmmu_write(member, member->family->regs.int_clear,
		     BIT(fault->status_bit));
}

static const struct sysmmu_hw_ops sysmmu_v9_ops = {
	.identify = sysmmu_hw_v9_identify,
	.restore = sysmmu_hw_v9_restore,
	.enable = sysmmu_hw_v9_enable,
	.disable = sysmmu_hw_v9_disable,
	.flush_all = sysmmu_hw_v9_flush_all,
	.flush_range = sysmmu_hw_v9_flush_range,
	.flush_lv1 = sysmmu_hw_v9_flush_lv1,
	.decode_fault = sysmmu_hw_v9_decode_fault,
	.clear_fault = sysmmu_hw_v9_clear_fault,
};

/* VM 0's registers; VM n's are at + n * 0x1000. */
static const struct sysmmu_family_regs sysmmu_v9_regs = {
	.ctrl_vm	= 0x8000,
	.flush_all	= 0x8010,
	.flush_start	= 0x8020,
	.flush_end	= 0x8024,
	.int_status	= 0x8060,
	.int_clear	= 0x8064,
	.fault_va	= 0x8070,
	.fault_info	= 0x8074,
	.fault_info1	= 0x8078,
	.fault_info2	= 0x807c,
	.pt_base	= 0x8404,
	.pt_attr	= 0x8408,
};

const struct sysmmu_family sysmmu_family_v9 = {
	.name			= "v9",
	.regs			= sysmmu_v9_regs,
	.pt_base_shift		= 12,
	.pte_shift		= 4,
	.prot_fmt		= EXYNOS_PT_PROT_V5,
	.flpd_cache		= true,
	.max_ias		= SYSMMU_IAS_36,
	.max_pa_bits		= 36,
	.has_streams		= true,
	.ops			= &sysmmu_v9_ops,
};
