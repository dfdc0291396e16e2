// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU hardware families: register layouts and bit fields as
 * data, the VERSION/CAPA decode that picks one, and the register-level
 * operations ("sysmmu_hw_*"), which are the only code that writes registers.
 * Every family's register sequences are a &struct sysmmu_hw_ops; versions 1
 * to 7 and "v8" share the generic ones here, v9 has its own (family_v9.c).
 */

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/iopoll.h>
#include <kunit/visibility.h>

#include "exynos-sysmmu.h"

/* VERSION register of v1-v7: an 11-bit field of 4-bit major, 7-bit minor. */
#define SYSMMU_VERSION_RAW		GENMASK(31, 21)
#define SYSMMU_VERSION_RAW_MAJOR	GENMASK(10, 7)
#define SYSMMU_VERSION_RAW_MINOR	GENMASK(6, 0)
/* Some early parts report this instead of a version: treat as 1.0. */
#define SYSMMU_VERSION_BOGUS_1_0	0x80000001u
/* "v8" (gs101, gs201), downstream decode: 4-bit major, 7-bit minor, 4-bit rev. */
#define SYSMMU_V8_VERSION_MAJOR		GENMASK(31, 28)
#define SYSMMU_V8_VERSION_MINOR		GENMASK(27, 21)
#define SYSMMU_V8_VERSION_REV		GENMASK(20, 17)
/* v9: 4-bit major, 4-bit minor, 8-bit revision. */
#define SYSMMU_V9_VERSION_MAJOR		GENMASK(31, 28)
#define SYSMMU_V9_VERSION_MINOR		GENMASK(27, 24)
#define SYSMMU_V9_VERSION_REV		GENMASK(23, 16)

/* v1-v3 fault address registers, one per fault class. */
#define SYSMMU_REG_V1_PAGE_FAULT_ADDR	0x024
#define SYSMMU_REG_V1_AW_FAULT_ADDR	0x028
#define SYSMMU_REG_V1_AR_FAULT_ADDR	0x02c
#define SYSMMU_REG_V1_DEFAULT_SLAVE	0x030

/* v5 fault addresses and status halves. */
#define SYSMMU_REG_V5_FAULT_AR_VA	0x070
#define SYSMMU_REG_V5_FAULT_AW_VA	0x080
#define SYSMMU_V5_INT_READ		GENMASK(4, 0)
#define SYSMMU_V5_INT_WRITE		GENMASK(20, 16)

/* v7: fault information and the per-VM stride of the fault registers. */
#define SYSMMU_V7_FAULT_INFO_WRITE	BIT(20)
#define SYSMMU_V7_FAULTS_PER_VID	4
#define SYSMMU_V7_VM_FAULT_STRIDE	0x10

#define SYSMMU_FLUSH_ENTRY_VALID	BIT(0)
#define SYSMMU_PAGE_MASK		GENMASK_ULL(63, 12)
#define SYSMMU_BLOCK_TIMEOUT_US		100

static const char * const sysmmu_fault_names[] = {
	[SYSMMU_FAULT_PTW] = "PTW",
	[SYSMMU_FAULT_PAGE] = "PAGE",
	[SYSMMU_FAULT_MULTI_HIT] = "MULTI-HIT",
	[SYSMMU_FAULT_ACCESS] = "ACCESS PROTECTION",
	[SYSMMU_FAULT_SECURITY] = "SECURITY PROTECTION",
	[SYSMMU_FAULT_BUS] = "BUS ERROR",
	[SYSMMU_FAULT_CONTEXT] = "CONTEXT",
	[SYSMMU_FAULT_UNKNOWN] = "UNKNOWN",
};

/**
 * sysmmu_fault_name() - human-readable name of a fault kind
 * @kind: the kind
 *
 * Return: a static string.
 */
const char *sysmmu_fault_name(enum sysmmu_fault_kind kind)
{
	if (kind >= ARRAY_SIZE(sysmmu_fault_names))
		kind = SYSMMU_FAULT_UNKNOWN;
	return sysmmu_fault_names[kind];
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_fault_name);

/* Lowest set bit of a fault status word; callers check status != 0. */
static unsigned int sysmmu_status_bit(u32 status)
{
	return __ffs(status);
}

static const struct {
	u32 addr_reg;
	enum sysmmu_fault_kind kind;
	bool write;
} sysmmu_v1_faults[] = {
	{ SYSMMU_REG_V1_PAGE_FAULT_ADDR, SYSMMU_FAULT_PAGE, false },
	{ SYSMMU_REG_V1_AR_FAULT_ADDR, SYSMMU_FAULT_MULTI_HIT, false },
	{ SYSMMU_REG_V1_AW_FAULT_ADDR, SYSMMU_FAULT_MULTI_HIT, true },
	{ SYSMMU_REG_V1_DEFAULT_SLAVE, SYSMMU_FAULT_BUS, false },
	{ SYSMMU_REG_V1_AR_FAULT_ADDR, SYSMMU_FAULT_SECURITY, false },
	{ SYSMMU_REG_V1_AR_FAULT_ADDR, SYSMMU_FAULT_ACCESS, false },
	{ SYSMMU_REG_V1_AW_FAULT_ADDR, SYSMMU_FAULT_SECURITY, true },
	{ SYSMMU_REG_V1_AW_FAULT_ADDR, SYSMMU_FAULT_ACCESS, true },
};

static bool sysmmu_v1_decode_fault(struct sysmmu_member *member, u32 status,
				   struct sysmmu_fault *fault)
{
	unsigned int bit = sysmmu_status_bit(status);

	fault->status_bit = bit;
	fault->vid = 0;
	if (bit >= ARRAY_SIZE(sysmmu_v1_faults))
		return false;
	fault->kind = sysmmu_v1_faults[bit].kind;
	fault->write = sysmmu_v1_faults[bit].write;
	fault->iova = sysmmu_read(member, sysmmu_v1_faults[bit].addr_reg);
	return true;
}

static const enum sysmmu_fault_kind sysmmu_v5_fault_kinds[] = {
	SYSMMU_FAULT_PTW, SYSMMU_FAULT_PAGE, SYSMMU_FAULT_MULTI_HIT,
	SYSMMU_FAULT_ACCESS, SYSMMU_FAULT_SECURITY,
};

static bool sysmmu_v5_decode_fault(struct sysmmu_member *member, u32 status,
				   struct sysmmu_fault *fault)
{
	unsigned int bit = sysmmu_status_bit(status);

	fault->status_bit = bit;
	fault->vid = 0;
	if (SYSMMU_V5_INT_READ & BIT(bit)) {
		fault->write = false;
		fault->iova = sysmmu_read(member, SYSMMU_REG_V5_FAULT_AR_VA);
		fault->kind = sysmmu_v5_fault_kinds[bit];
	} else if (SYSMMU_V5_INT_WRITE & BIT(bit)) {
		fault->write = true;
		fault->iova = sysmmu_read(member, SYSMMU_REG_V5_FAULT_AW_VA);
		fault->kind = sysmmu_v5_fault_kinds[bit - 16];
	} else {
		return false;
	}
	return true;
}

static const enum sysmmu_fault_kind sysmmu_v7_fault_kinds[] = {
	SYSMMU_FAULT_PTW, SYSMMU_FAULT_PAGE, SYSMMU_FAULT_ACCESS,
	SYSMMU_FAULT_UNKNOWN,
};

static bool sysmmu_v7_decode_fault(struct sysmmu_member *member, u32 status,
				   struct sysmmu_fault *fault)
{
	const struct sysmmu_family_regs *regs = &member->family->regs;
	unsigned int bit = sysmmu_status_bit(status);
	u32 stride, info;

	fault->status_bit = bit;
	/* Only the VM layout has VMs and per-VM fault registers. */
	fault->vid = regs->ctrl_vm ? bit / SYSMMU_V7_FAULTS_PER_VID : 0;
	fault->kind = sysmmu_v7_fault_kinds[bit % SYSMMU_V7_FAULTS_PER_VID];
	stride = fault->vid * SYSMMU_V7_VM_FAULT_STRIDE;
	fault->iova = sysmmu_read(member, regs->fault_va + stride);
	info = sysmmu_read(member, regs->fault_info + stride);
	fault->write = info & SYSMMU_V7_FAULT_INFO_WRITE;
	return true;
}

/* The register sequences of versions 1 to 7 ("v8" too). */

/* v1-v3 invalidate only while blocked; false if blocking timed out. */
static bool sysmmu_hw_block(struct sysmmu_member *member)
{
	u32 status;

	sysmmu_write(member, SYSMMU_REG_CTRL, SYSMMU_CTRL_ENABLE |
		     SYSMMU_CTRL_BLOCK | SYSMMU_CTRL_INT_ENABLE);
	return !read_poll_timeout_atomic(sysmmu_read, status,
					 status & SYSMMU_STATUS_BLOCKED, 1,
					 SYSMMU_BLOCK_TIMEOUT_US, false,
					 member, SYSMMU_REG_STATUS);
}

static void sysmmu_hw_unblock(struct sysmmu_member *member)
{
	sysmmu_write(member, SYSMMU_REG_CTRL,
		     SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_INT_ENABLE);
}

/*
 * Run a TLB operation, blocked where the family needs it. A block that
 * times out is reported but the invalidation is still issued: a stale TLB
 * entry is worse than an invalidation racing a transaction.
 */
static void sysmmu_hw_tlb_op(struct sysmmu_member *member, u32 reg, u32 val)
{
	bool blocked = false;

	if (member->family->block_for_flush) {
		blocked = sysmmu_hw_block(member);
		if (!blocked)
			dev_warn_ratelimited(member->dev,
					     "block timed out, invalidating anyway\n");
	}
	sysmmu_write(member, reg, val);
	if (member->family->block_for_flush)
		sysmmu_hw_unblock(member);
}

static int sysmmu_hw_generic_identify(struct sysmmu_member *member)
{
	member->max_ias = member->family->max_ias;
	return 0;
}

/*
 * Blocks the instance, programs the configuration and table base,
 * invalidates the TLB and enables translation and fault interrupts.
 */
static void sysmmu_hw_generic_enable(struct sysmmu_member *member,
				     phys_addr_t pt_base)
{
	const struct sysmmu_family *family = member->family;
	const struct sysmmu_family_regs *regs = &family->regs;

	sysmmu_write(member, SYSMMU_REG_CTRL, SYSMMU_CTRL_ENABLE |
		     SYSMMU_CTRL_BLOCK | SYSMMU_CTRL_INT_ENABLE);
	if (family->cfg)
		sysmmu_write(member, SYSMMU_REG_CFG, family->cfg);
	sysmmu_write(member, regs->pt_base, pt_base >> family->pt_base_shift);
	sysmmu_write(member, regs->flush_all, 1);
	if (regs->ctrl_vm)
		sysmmu_write(member, regs->ctrl_vm, SYSMMU_CTRL_VM_ENABLE |
			     SYSMMU_CTRL_VM_FAULT_STALL);
	sysmmu_write(member, SYSMMU_REG_CTRL,
		     SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_INT_ENABLE);
}

static void sysmmu_hw_generic_disable(struct sysmmu_member *member)
{
	const struct sysmmu_family *family = member->family;

	sysmmu_write(member, SYSMMU_REG_CTRL, 0);
	if (family->cfg)
		sysmmu_write(member, SYSMMU_REG_CFG, 0);
	if (family->regs.ctrl_vm)
		sysmmu_write(member, family->regs.ctrl_vm, 0);
}

static void sysmmu_hw_generic_flush_all(struct sysmmu_member *member)
{
	sysmmu_hw_tlb_op(member, member->family->regs.flush_all, 1);
}

/*
 * The range registers where the family has them, a single entry
 * invalidation for one page, and a full invalidation otherwise.
 */
static void sysmmu_hw_generic_flush_range(struct sysmmu_member *member,
					  u64 iova, u64 size)
{
	const struct sysmmu_family_regs *regs = &member->family->regs;
	u64 first = iova & SYSMMU_PAGE_MASK;
	u64 last = (iova + size - 1) & SYSMMU_PAGE_MASK;

	if (regs->flush_range) {
		sysmmu_write(member, regs->flush_start, first);
		sysmmu_write(member, regs->flush_end, last);
		sysmmu_write(member, regs->flush_range, 1);
	} else if (first == last) {
		sysmmu_hw_tlb_op(member, regs->flush_entry,
				 first | SYSMMU_FLUSH_ENTRY_VALID);
	} else {
		sysmmu_hw_tlb_op(member, regs->flush_all, 1);
	}
}

/*
 * v3.3 invalidates the one entry while blocked; later families have no
 * per-entry FLPD invalidation and flush everything.
 */
static void sysmmu_hw_generic_flush_lv1(struct sysmmu_member *member, u64 iova)
{
	const struct sysmmu_family_regs *regs = &member->family->regs;

	if (member->family->block_for_flush)
		sysmmu_hw_tlb_op(member, regs->flush_entry,
				 (iova & SYSMMU_PAGE_MASK) |
				 SYSMMU_FLUSH_ENTRY_VALID);
	else
		sysmmu_hw_tlb_op(member, regs->flush_all, 1);
}

static void sysmmu_hw_generic_clear_fault(struct sysmmu_member *member,
					  const struct sysmmu_fault *fault)
{
	sysmmu_write(member, member->family->regs.int_clear,
		     BIT(fault->status_bit));
	/* v1-v3 block on a fault; later families resume on the clear. */
	if (member->family->block_for_flush && member->enabled)
		sysmmu_hw_unblock(member);
}

#define SYSMMU_GENERIC_OPS \
	.identify = sysmmu_hw_generic_identify, \
	.enable = sysmmu_hw_generic_enable, \
	.disable = sysmmu_hw_generic_disable, \
	.flush_all = sysmmu_hw_generic_flush_all, \
	.flush_range = sysmmu_hw_generic_flush_range, \
	.flush_lv1 = sysmmu_hw_generic_flush_lv1, \
	.clear_fault = sysmmu_hw_generic_clear_fault

/* The generic sequences, with the v7 fault decode, for other families. */
static const struct sysmmu_hw_ops sysmmu_generic_ops = {
	SYSMMU_GENERIC_OPS,
	.decode_fault = sysmmu_v7_decode_fault,
};

static const struct sysmmu_hw_ops sysmmu_v1_ops = {
	SYSMMU_GENERIC_OPS,
	.decode_fault = sysmmu_v1_decode_fault,
};

static const struct sysmmu_hw_ops sysmmu_v5_ops = {
	SYSMMU_GENERIC_OPS,
	.decode_fault = sysmmu_v5_decode_fault,
};

#define SYSMMU_CFG_V1	(SYSMMU_CFG_LRU | FIELD_PREP_CONST(SYSMMU_CFG_QOS, 15) | \
			 SYSMMU_CFG_EAP)
/* v3.3 and every later family: no LRU bit, FLPD cache and ACGEN on. */
#define SYSMMU_CFG_V3_3	(FIELD_PREP_CONST(SYSMMU_CFG_QOS, 15) | \
			 SYSMMU_CFG_FLPDCACHE | SYSMMU_CFG_ACGEN | SYSMMU_CFG_EAP)

static const struct sysmmu_family_regs sysmmu_v1_regs = {
	.flush_all	= 0x0c,
	.flush_entry	= 0x10,
	.pt_base	= 0x14,
	.int_status	= 0x18,
	.int_clear	= 0x1c,
};

static const struct sysmmu_family_regs sysmmu_v5_regs = {
	.pt_base	= 0x0c,
	.flush_all	= 0x10,
	.flush_entry	= 0x14,
	.flush_range	= 0x18,
	.flush_start	= 0x20,
	.flush_end	= 0x24,
	.int_status	= 0x60,
	.int_clear	= 0x64,
};

static const struct sysmmu_family_regs sysmmu_v7_regs = {
	.pt_base	= 0x0c,
	.flush_all	= 0x10,
	.flush_entry	= 0x14,
	.flush_range	= 0x18,
	.flush_start	= 0x20,
	.flush_end	= 0x24,
	.int_status	= 0x60,
	.int_clear	= 0x64,
	.fault_va	= 0x70,
	.fault_info	= 0x78,
};

static const struct sysmmu_family_regs sysmmu_v7_vm_regs = {
	.pt_base	= 0x800c,
	.flush_all	= 0x8010,
	.flush_entry	= 0x8014,
	.flush_range	= 0x8018,
	.flush_start	= 0x8020,
	.flush_end	= 0x8024,
	.int_status	= 0x60,
	.int_clear	= 0x64,
	.fault_va	= 0x1000,
	.fault_info	= 0x1004,
	.ctrl_vm	= SYSMMU_REG_V7_CTRL_VM,
};

/* v1.x, v2.x, v3.0 and v3.1: no FLPD cache. */
static const struct sysmmu_family sysmmu_family_v1 = {
	.name			= "v1",
	.regs			= sysmmu_v1_regs,
	.cfg			= SYSMMU_CFG_V1,
	.pte_shift		= 0,
	.prot_fmt		= EXYNOS_PT_PROT_V1,
	.block_for_flush	= true,
	.max_ias		= 32,
	.max_pa_bits		= 32,
	.ops			= &sysmmu_v1_ops,
};

/* v3.2: the FLPD cache appears, enabled through CFG with SYSSEL. */
static const struct sysmmu_family sysmmu_family_v3_2 = {
	.name			= "v3.2",
	.regs			= sysmmu_v1_regs,
	.cfg			= SYSMMU_CFG_V1 | SYSMMU_CFG_FLPDCACHE |
				  SYSMMU_CFG_SYSSEL,
	.pte_shift		= 0,
	.prot_fmt		= EXYNOS_PT_PROT_V1,
	.zero_lv2		= true,
	.block_for_flush	= true,
	.max_ias		= 32,
	.max_pa_bits		= 32,
	.ops			= &sysmmu_v1_ops,
};

/*
 * v3.3: the FLPD cache fetches level-1 entries speculatively, so new ones
 * must be invalidated, and there is no LRU bit.
 */
static const struct sysmmu_family sysmmu_family_v3_3 = {
	.name			= "v3.3",
	.regs			= sysmmu_v1_regs,
	.cfg			= SYSMMU_CFG_V3_3,
	.pte_shift		= 0,
	.prot_fmt		= EXYNOS_PT_PROT_V1,
	.zero_lv2		= true,
	.flpd_cache		= true,
	.block_for_flush	= true,
	.max_ias		= 32,
	.max_pa_bits		= 32,
	.ops			= &sysmmu_v1_ops,
};

static const struct sysmmu_family sysmmu_family_v5 = {
	.name			= "v5",
	.regs			= sysmmu_v5_regs,
	.cfg			= SYSMMU_CFG_V3_3,
	.pt_base_shift		= 12,
	.pte_shift		= 4,
	.prot_fmt		= EXYNOS_PT_PROT_V5,
	.flpd_cache		= true,
	.max_ias		= 32,
	.max_pa_bits		= 36,
	.ops			= &sysmmu_v5_ops,
};

static const struct sysmmu_family sysmmu_family_v7 = {
	.name			= "v7",
	.regs			= sysmmu_v7_regs,
	.cfg			= SYSMMU_CFG_V3_3,
	.pt_base_shift		= 12,
	.pte_shift		= 4,
	.prot_fmt		= EXYNOS_PT_PROT_V5,
	.flpd_cache		= true,
	.max_ias		= 32,
	.max_pa_bits		= 36,
	.ops			= &sysmmu_generic_ops,
};

static const struct sysmmu_family sysmmu_family_v7_vm = {
	.name			= "v7-vm",
	.regs			= sysmmu_v7_vm_regs,
	.cfg			= SYSMMU_CFG_V3_3,
	.pt_base_shift		= 12,
	.pte_shift		= 4,
	.prot_fmt		= EXYNOS_PT_PROT_V5,
	.flpd_cache		= true,
	.max_ias		= 32,
	.max_pa_bits		= 36,
	.ops			= &sysmmu_generic_ops,
};

/*
 * gs101/gs201 "v8": the v7 VM register layout (VM 0), as the downstream
 * driver treats it. Not confirmed from public sources, and the choices
 * made: the CFG value of v7 (QoS 15, FLPD cache, ACGEN, EAP) and CTRL_VM
 * with fault stall; 36-bit IOVA tables (65536 level-1 entries) as the
 * downstream driver uses on these parts, as no register is known to
 * report the VA width of v8.
 */
static const struct sysmmu_family sysmmu_family_v8 = {
	.name			= "v8",
	.regs			= sysmmu_v7_vm_regs,
	.cfg			= SYSMMU_CFG_V3_3,
	.pt_base_shift		= 12,
	.pte_shift		= 4,
	.prot_fmt		= EXYNOS_PT_PROT_V5,
	.flpd_cache		= true,
	.max_ias		= SYSMMU_IAS_36,
	.max_pa_bits		= 36,
	.ops			= &sysmmu_generic_ops,
};

/**
 * sysmmu_version_decode() - decode a v1-v7 VERSION register value
 * @version_reg: raw register value
 *
 * Return: the version as SYSMMU_VERSION(major, minor).
 */
unsigned int sysmmu_version_decode(u32 version_reg)
{
	u32 raw = FIELD_GET(SYSMMU_VERSION_RAW, version_reg);

	if (version_reg == SYSMMU_VERSION_BOGUS_1_0)
		return SYSMMU_VERSION(1, 0);
	return SYSMMU_VERSION(FIELD_GET(SYSMMU_VERSION_RAW_MAJOR, raw),
			      FIELD_GET(SYSMMU_VERSION_RAW_MINOR, raw));
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_version_decode);

/* The VERSION register decode of the family the compatible names. */
static unsigned int sysmmu_version_decode_hint(enum sysmmu_family_hint hint,
					       u32 version_reg)
{
	switch (hint) {
	case SYSMMU_HINT_V8:
		/* The revision (bits 20:17) is not kept. */
		return SYSMMU_VERSION(FIELD_GET(SYSMMU_V8_VERSION_MAJOR,
						version_reg),
				      FIELD_GET(SYSMMU_V8_VERSION_MINOR,
						version_reg));
	case SYSMMU_HINT_V9:
		/* The revision (bits 23:16) is not kept. */
		return SYSMMU_VERSION(FIELD_GET(SYSMMU_V9_VERSION_MAJOR,
						version_reg),
				      FIELD_GET(SYSMMU_V9_VERSION_MINOR,
						version_reg));
	default:
		return sysmmu_version_decode(version_reg);
	}
}

/**
 * sysmmu_family_reads_capa() - whether CAPA0/CAPA1 exist and are needed
 * @hint: what the compatible says
 * @version_reg: raw VERSION register value
 *
 * CAPA registers exist from v7 on; reading them earlier is unsafe. v9
 * does not need them (and they are not documented there).
 *
 * Return: true if the caller should read CAPA0 (and CAPA1 if CAPA0 says
 * it exists) before sysmmu_family_select_hint().
 */
bool sysmmu_family_reads_capa(enum sysmmu_family_hint hint, u32 version_reg)
{
	unsigned int v = sysmmu_version_decode_hint(hint, version_reg);

	return hint != SYSMMU_HINT_V9 && SYSMMU_VERSION_MAJOR(v) >= 7;
}

/**
 * sysmmu_family_select_hint() - pick the family description of an instance
 * @hint: what the instance's compatible says about its family
 * @version_reg: raw VERSION register value
 * @capa0: CAPA0 register value (see sysmmu_family_reads_capa(), else 0)
 * @capa1: CAPA1 register value (read when CAPA0 says it exists, else 0)
 * @version: set to the decoded version
 *
 * This is the one place that compares version numbers. The compatible
 * picks the VERSION decode and the families allowed; the registers pick
 * among those.
 *
 * Return: the family, or NULL for a version the driver does not know or
 * that contradicts the compatible.
 */
const struct sysmmu_family *
sysmmu_family_select_hint(enum sysmmu_family_hint hint, u32 version_reg,
			  u32 capa0, u32 capa1, unsigned int *version)
{
	unsigned int v = sysmmu_version_decode_hint(hint, version_reg);

	*version = v;
	switch (hint) {
	case SYSMMU_HINT_V8:
		/*
		 * The version gs101/gs201 report is not public; the
		 * downstream driver treats them as v7 with VMs. Accept 7.x
		 * and 8.x, whatever CAPA says.
		 */
		if (SYSMMU_VERSION_MAJOR(v) == 7 || SYSMMU_VERSION_MAJOR(v) == 8)
			return &sysmmu_family_v8;
		return NULL;
	case SYSMMU_HINT_V9:
		return SYSMMU_VERSION_MAJOR(v) == 9 ? &sysmmu_family_v9 : NULL;
	default:
		break;
	}

	switch (SYSMMU_VERSION_MAJOR(v)) {
	case 1:
	case 2:
		return &sysmmu_family_v1;
	case 3:
		if (v <= SYSMMU_VERSION(3, 1))
			return &sysmmu_family_v1;
		if (v == SYSMMU_VERSION(3, 2))
			return &sysmmu_family_v3_2;
		return &sysmmu_family_v3_3;
	case 5:
		return &sysmmu_family_v5;
	case 7:
		if ((capa0 & SYSMMU_CAPA0_CAPA1_EXIST) &&
		    (capa1 & SYSMMU_CAPA1_VCR_ENABLED))
			return &sysmmu_family_v7_vm;
		return &sysmmu_family_v7;
	default:
		/* "v8" and v9 are only known by their compatibles. */
		return NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_family_select_hint);

/**
 * sysmmu_family_select() - pick the family of a generic-compatible instance
 * @version_reg: raw VERSION register value
 * @capa0: CAPA0 register value (read on v7 and later only, else 0)
 * @capa1: CAPA1 register value (read when CAPA0 says it exists, else 0)
 * @version: set to the decoded version
 *
 * Return: the family, or NULL for a version the driver does not know.
 */
const struct sysmmu_family *sysmmu_family_select(u32 version_reg, u32 capa0,
						 u32 capa1,
						 unsigned int *version)
{
	return sysmmu_family_select_hint(SYSMMU_HINT_NONE, version_reg, capa0,
					 capa1, version);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_family_select);

/* The register-level operations: dispatch to the family's sequences. */

/**
 * sysmmu_hw_identify() - read what an instance reports about itself
 * @member: the instance, powered, its family chosen
 *
 * Sets @member->max_ias (and, on v9, what the stream tables hold).
 *
 * Return: 0 or a negative error code.
 */
int sysmmu_hw_identify(struct sysmmu_member *member)
{
	return member->family->ops->identify(member);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_identify);

/**
 * sysmmu_hw_restore() - program what the instance lost while off
 * @member: the instance, powered, with its lock held
 *
 * The v9 stream tables; nothing on other families.
 */
void sysmmu_hw_restore(struct sysmmu_member *member)
{
	lockdep_assert_held(&member->lock);
	if (member->family->ops->restore)
		member->family->ops->restore(member);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_restore);

/**
 * sysmmu_hw_enable() - start translating with a page table
 * @member: the instance, powered, with its lock held
 * @pt_base: physical address of the level-1 table
 *
 * Programs the table base, invalidates the TLB and enables translation
 * and fault interrupts, in the family's order.
 */
void sysmmu_hw_enable(struct sysmmu_member *member, phys_addr_t pt_base)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->enable(member, pt_base);
	member->enabled = true;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_enable);

/**
 * sysmmu_hw_disable() - stop translating: transactions bypass the instance
 * @member: the instance, powered, with its lock held
 */
void sysmmu_hw_disable(struct sysmmu_member *member)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->disable(member);
	member->enabled = false;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_disable);

/**
 * sysmmu_hw_flush_all() - invalidate the whole TLB
 * @member: the instance, powered and enabled, with its lock held
 */
void sysmmu_hw_flush_all(struct sysmmu_member *member)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->flush_all(member);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_flush_all);

/**
 * sysmmu_hw_flush_range() - invalidate the TLB for an IOVA range
 * @member: the instance, powered and enabled, with its lock held
 * @iova: start of the range
 * @size: its length in bytes, non-zero
 *
 * A sync costs at most three register writes whatever its size.
 */
void sysmmu_hw_flush_range(struct sysmmu_member *member, u64 iova, u64 size)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->flush_range(member, iova, size);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_flush_range);

/**
 * sysmmu_hw_flush_lv1() - drop a cached level-1 entry (FLPD cache)
 * @member: the instance, powered and enabled, with its lock held
 * @iova: an address the new level-1 entry covers
 */
void sysmmu_hw_flush_lv1(struct sysmmu_member *member, u64 iova)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->flush_lv1(member, iova);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_flush_lv1);

/**
 * sysmmu_hw_read_fault() - read and decode the pending fault, if any
 * @member: the instance, powered, with its lock held
 * @fault: filled in
 *
 * Return: false when no fault is pending. When the status holds a bit the
 * family does not know, @fault->kind is %SYSMMU_FAULT_UNKNOWN and true is
 * returned so that the caller still clears it.
 */
bool sysmmu_hw_read_fault(struct sysmmu_member *member,
			  struct sysmmu_fault *fault)
{
	u32 status;

	lockdep_assert_held(&member->lock);
	status = sysmmu_read(member, member->family->regs.int_status);
	if (!status)
		return false;
	fault->detail = false;
	if (!member->family->ops->decode_fault(member, status, fault)) {
		fault->kind = SYSMMU_FAULT_UNKNOWN;
		fault->iova = 0;
		fault->write = false;
		fault->detail = false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_read_fault);

/**
 * sysmmu_hw_clear_fault() - acknowledge a fault and let traffic resume
 * @member: the instance, powered, with its lock held
 * @fault: the fault sysmmu_hw_read_fault() returned
 */
void sysmmu_hw_clear_fault(struct sysmmu_member *member,
			   const struct sysmmu_fault *fault)
{
	lockdep_assert_held(&member->lock);
	member->family->ops->clear_fault(member, fault);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_clear_fault);
