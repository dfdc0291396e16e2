// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-v9": System MMU "v8" (gs101, gs201) and v9
 * (zuma, zumapro, ExynosAuto v920).
 *
 * VERSION decode and family choice with the compatible's hint, the exact
 * register writes of the v9 sequences (enable, page table, invalidation,
 * stream tables), the v9 fault decode, 36-bit IOVA tables from the map to
 * the invalidation, and the probe errors of malformed stream tables.
 * Every offset and value is written out as a number from the hardware
 * description, never read back from the driver's tables.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/iommu.h>
#include <linux/pm_runtime.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "test_model.h"
#include "test_overlay.h"

/* v9 registers of VM 0 (public Pixel sources, "v9"). */
#define V9_CTRL_VM		0x8000
#define V9_ALL_INV		0x8010
#define V9_RANGE_START		0x8020
#define V9_RANGE_END		0x8024
#define V9_FAULT_STATUS		0x8060
#define V9_FAULT_CLEAR		0x8064
#define V9_FAULT_VA		0x8070
#define V9_FAULT_INFO0		0x8074
#define V9_FAULT_INFO1		0x8078
#define V9_FAULT_INFO2		0x807c
#define V9_FLPT_BASE		0x8404
#define V9_ATTR			0x8408
#define V9_PMMU_INDICATOR	0x2ffc
#define V9_PMMU_INFO		0x3000
#define V9_SWALKER_INFO		0x3004

/* Values the driver chose (see family_v9.c). */
#define V9_CTRL_VM_ON		0xd	/* enable 0 | interrupts 2 | stall 3 */
#define V9_ATTR_USE_AP		0x4	/* USE_AP, bit 2 */

#define V9_VERSION		0x90100000	/* 9.0, revision 0x10 */
#define V9_TWO_PMMUS		0x00000002	/* SWALKER_INFO: 2 PMMUs */
#define V9_PMMU_64_VA36		0x00400001	/* 64 entries, 36-bit VA */
#define V9_PMMU_64_VA32		0x00400000	/* 64 entries, 32-bit VA */

/* "v8": the v7 VM layout ("v7 with VM"). */
#define V8_VERSION		0x80240000	/* 8.1, revision 2 */
#define V8_CAPA0		0x00000800
#define V8_CAPA1		0x00004000

#define V9_BASE			0x10020000
#define V9_PGD			0x40040000	/* 256 KiB aligned */

/* The zuma DPU of v9_test_dpu.dtso. */
#define V9_DPU			"/sysmmu-v9-test-dpu"
#define V9_DPUF0		V9_DPU "/iommu@19840000"
#define V9_DPUF1		V9_DPU "/iommu@19c40000"
#define V9_DECON		"/sysmmu-v9-test-decon"
#define V9_DPUF0_BASE		0x19840000
#define V9_DPUF1_BASE		0x19c40000

/* Decode and family choice. */

struct v9_select_case {
	const char *desc;
	enum sysmmu_family_hint hint;
	u32 reg;
	u32 capa0;
	u32 capa1;
	unsigned int version;
	const char *family;	/* NULL: refused */
};

static const struct v9_select_case v9_select_cases[] = {
	{ "v9 9.0 rev 0x10", SYSMMU_HINT_V9, 0x90100000, 0, 0, 0x0900, "v9" },
	{ "v9 9.3 rev 0xa5", SYSMMU_HINT_V9, 0x93a50000, 0, 0, 0x0903, "v9" },
	{ "v9 9.15, bits 15:0 ignored", SYSMMU_HINT_V9, 0x9fffffff, 0, 0,
	  0x090f, "v9" },
	{ "v9 hint, 7.x reads as 7.0: refused", SYSMMU_HINT_V9, 0x70800000,
	  0x800, 0x4000, 0x0700, NULL },
	{ "v9 hint, 8.0: refused", SYSMMU_HINT_V9, 0x80000001, 0, 0, 0x0800,
	  NULL },
	{ "v8 8.1 rev 2", SYSMMU_HINT_V8, 0x80240000, 0x800, 0x4000, 0x0801,
	  "v8" },
	{ "v8 0x80000001 is 8.0, not 1.0", SYSMMU_HINT_V8, 0x80000001, 0, 0,
	  0x0800, "v8" },
	{ "v8 8.127 rev 15", SYSMMU_HINT_V8, 0x8ffe0000, 0, 0, 0x087f, "v8" },
	{ "v8 hint, 7.4 without CAPA bits", SYSMMU_HINT_V8, 0x70800000, 0, 0,
	  0x0704, "v8" },
	{ "v8 hint, 9.0: refused", SYSMMU_HINT_V8, 0x90100000, 0, 0, 0x0900,
	  NULL },
	{ "v8 hint, 5.1: refused", SYSMMU_HINT_V8, 0x50200000, 0, 0, 0x0501,
	  NULL },
	{ "generic, 9.0: refused", SYSMMU_HINT_NONE, 0x90100000, 0, 0, 0x0900,
	  NULL },
	{ "generic, 8.1: refused", SYSMMU_HINT_NONE, 0x80240000, 0x800, 0x4000,
	  0x0801, NULL },
	{ "generic, 7.4 VM unchanged", SYSMMU_HINT_NONE, 0x70800000, 0x800,
	  0x4000, 0x0704, "v7-vm" },
};

KUNIT_ARRAY_PARAM_DESC(v9_select, v9_select_cases, desc);

static void v9_test_family_select(struct kunit *test)
{
	const struct v9_select_case *c = test->param_value;
	const struct sysmmu_family *family;
	unsigned int version = 0xdead;

	family = sysmmu_family_select_hint(c->hint, c->reg, c->capa0, c->capa1,
					   &version);
	KUNIT_EXPECT_EQ(test, version, c->version);
	if (!c->family) {
		KUNIT_EXPECT_NULL(test, family);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, family);
	KUNIT_EXPECT_STREQ(test, family->name, c->family);
}

/* CAPA0/CAPA1 are read for v7 and "v8", never for v9. */
static void v9_test_reads_capa(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, sysmmu_family_reads_capa(SYSMMU_HINT_V9,
							  0x90100000));
	KUNIT_EXPECT_FALSE(test, sysmmu_family_reads_capa(SYSMMU_HINT_V9,
							  0x70800000));
	KUNIT_EXPECT_TRUE(test, sysmmu_family_reads_capa(SYSMMU_HINT_V8,
							 0x80240000));
	KUNIT_EXPECT_TRUE(test, sysmmu_family_reads_capa(SYSMMU_HINT_V8,
							 0x70800000));
	KUNIT_EXPECT_TRUE(test, sysmmu_family_reads_capa(SYSMMU_HINT_NONE,
							 0x70800000));
	KUNIT_EXPECT_FALSE(test, sysmmu_family_reads_capa(SYSMMU_HINT_NONE,
							  0x50200000));
}

static const struct sysmmu_family *v9_family(struct kunit *test,
					     enum sysmmu_family_hint hint,
					     u32 reg)
{
	const struct sysmmu_family *family;
	unsigned int version;

	family = sysmmu_family_select_hint(hint, reg, V8_CAPA0, V8_CAPA1,
					   &version);
	KUNIT_ASSERT_NOT_NULL(test, family);
	return family;
}

static void v9_test_v8_layout(struct kunit *test)
{
	const struct sysmmu_family *f = v9_family(test, SYSMMU_HINT_V8,
						  V8_VERSION);

	KUNIT_EXPECT_STREQ(test, f->name, "v8");
	KUNIT_EXPECT_EQ(test, f->regs.pt_base, 0x800c);
	KUNIT_EXPECT_EQ(test, f->regs.flush_all, 0x8010);
	KUNIT_EXPECT_EQ(test, f->regs.flush_entry, 0x8014);
	KUNIT_EXPECT_EQ(test, f->regs.flush_range, 0x8018);
	KUNIT_EXPECT_EQ(test, f->regs.flush_start, 0x8020);
	KUNIT_EXPECT_EQ(test, f->regs.flush_end, 0x8024);
	KUNIT_EXPECT_EQ(test, f->regs.int_status, 0x60);
	KUNIT_EXPECT_EQ(test, f->regs.int_clear, 0x64);
	KUNIT_EXPECT_EQ(test, f->regs.fault_va, 0x1000);
	KUNIT_EXPECT_EQ(test, f->regs.fault_info, 0x1004);
	KUNIT_EXPECT_EQ(test, f->regs.ctrl_vm, 0x8000);
	KUNIT_EXPECT_EQ(test, f->cfg, 0x01100784);
	KUNIT_EXPECT_EQ(test, f->pt_base_shift, 12);
	KUNIT_EXPECT_EQ(test, f->pte_shift, 4);
	KUNIT_EXPECT_EQ(test, f->max_ias, BITS_PER_LONG == 64 ? 36 : 32);
	KUNIT_EXPECT_FALSE(test, f->has_streams);
}

static void v9_test_v9_layout(struct kunit *test)
{
	const struct sysmmu_family *f = v9_family(test, SYSMMU_HINT_V9,
						  V9_VERSION);

	KUNIT_EXPECT_STREQ(test, f->name, "v9");
	KUNIT_EXPECT_EQ(test, f->regs.ctrl_vm, 0x8000);
	KUNIT_EXPECT_EQ(test, f->regs.flush_all, 0x8010);
	KUNIT_EXPECT_EQ(test, f->regs.flush_start, 0x8020);
	KUNIT_EXPECT_EQ(test, f->regs.flush_end, 0x8024);
	KUNIT_EXPECT_EQ(test, f->regs.int_status, 0x8060);
	KUNIT_EXPECT_EQ(test, f->regs.int_clear, 0x8064);
	KUNIT_EXPECT_EQ(test, f->regs.fault_va, 0x8070);
	KUNIT_EXPECT_EQ(test, f->regs.fault_info, 0x8074);
	KUNIT_EXPECT_EQ(test, f->regs.fault_info1, 0x8078);
	KUNIT_EXPECT_EQ(test, f->regs.fault_info2, 0x807c);
	KUNIT_EXPECT_EQ(test, f->regs.pt_base, 0x8404);
	KUNIT_EXPECT_EQ(test, f->regs.pt_attr, 0x8408);
	KUNIT_EXPECT_EQ(test, f->regs.flush_range, 0);
	KUNIT_EXPECT_EQ(test, f->cfg, 0);
	KUNIT_EXPECT_EQ(test, f->pt_base_shift, 12);
	KUNIT_EXPECT_EQ(test, f->pte_shift, 4);
	KUNIT_EXPECT_EQ(test, f->prot_fmt, EXYNOS_PT_PROT_V5);
	KUNIT_EXPECT_EQ(test, f->max_ias, BITS_PER_LONG == 64 ? 36 : 32);
	KUNIT_EXPECT_EQ(test, f->max_pa_bits, 36);
	KUNIT_EXPECT_TRUE(test, f->has_streams);
}

/* Members built directly on register models. */

static struct sysmmu_member *v9_member(struct kunit *test,
				       enum sysmmu_family_hint hint, u32 reg,
				       struct sysmmu_test_model **modelp)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member;

	model = sysmmu_test_model_add(test, V9_BASE, reg, V8_CAPA0, V8_CAPA1);
	model->int_status = hint == SYSMMU_HINT_V9 ? V9_FAULT_STATUS : 0x60;
	model->int_clear = hint == SYSMMU_HINT_V9 ? V9_FAULT_CLEAR : 0x64;
	member = kunit_kzalloc(test, sizeof(*member), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, member);
	member->dev = kunit_device_register(test, "exynos-sysmmu-v9-test");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, member->dev);
	spin_lock_init(&member->lock);
	ratelimit_state_init(&member->fault_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	member->model = &model->mmio;
	member->family = v9_family(test, hint, reg);
	member->powered = true;
	*modelp = model;
	return member;
}

/* A v9 member translating with V9_PGD, its log cleared. */
static struct sysmmu_member *v9_enabled(struct kunit *test,
					struct sysmmu_test_model **modelp)
{
	struct sysmmu_member *member = v9_member(test, SYSMMU_HINT_V9,
						 V9_VERSION, modelp);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, V9_PGD);
	member->pt_base = V9_PGD;
	spin_unlock_irq(&member->lock);
	sysmmu_test_model_clear_log(*modelp);
	return member;
}

static void v9_expect_writes(struct kunit *test, struct sysmmu_test_model *m,
			     const struct sysmmu_test_access *want,
			     unsigned int n)
{
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, m->nr_writes, n, "number of register writes");
	for (i = 0; i < n && i < m->nr_log; i++) {
		KUNIT_EXPECT_EQ_MSG(test, m->log[i].off, want[i].off,
				    "offset of write %u", i);
		KUNIT_EXPECT_EQ_MSG(test, m->log[i].val, want[i].val,
				    "value of write %u (to %#x)", i,
				    want[i].off);
	}
}

#define V9_EXPECT(test, m, ...) do {					\
	static const struct sysmmu_test_access __want[] = { __VA_ARGS__ }; \
	v9_expect_writes(test, m, __want, ARRAY_SIZE(__want));		\
} while (0)

static void v9_flush_range(struct sysmmu_member *member, u64 iova, u64 size)
{
	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_range(member, iova, size);
	spin_unlock_irq(&member->lock);
}

/* "v8": the whole v7-with-VM enable sequence. */
static void v9_test_v8_enable(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_member(test, SYSMMU_HINT_V8,
						 V8_VERSION, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, V9_PGD);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m,
		  { 0x000, 0x00000007 },	/* CTRL: enable, block, irq */
		  { 0x004, 0x01100784 },	/* CFG */
		  { 0x800c, 0x00040040 },	/* PT_BASE: pgd >> 12 */
		  { 0x8010, 0x00000001 },	/* FLUSH_ALL */
		  { 0x8000, 0x00000009 },	/* CTRL_VM: enable, stall */
		  { 0x000, 0x00000005 });	/* CTRL: enable, irq */
}

/* "v8": byte addresses in START/END, then the FLUSH_RANGE trigger. */
static void v9_test_v8_flush_range(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_member(test, SYSMMU_HINT_V8,
						 V8_VERSION, &m);

	member->enabled = true;
	v9_flush_range(member, 0x12345678, 0x3000);
	V9_EXPECT(test, m,
		  { 0x8020, 0x12345000 },
		  { 0x8024, 0x12348000 },
		  { 0x8018, 0x00000001 });
}

static void v9_test_enable(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_member(test, SYSMMU_HINT_V9,
						 V9_VERSION, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, V9_PGD);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m,
		  { V9_FLPT_BASE, 0x00040040 },	/* pgd >> 12 */
		  { V9_ATTR, V9_ATTR_USE_AP },
		  { V9_ALL_INV, 0x00000001 },
		  { V9_CTRL_VM, V9_CTRL_VM_ON });
	KUNIT_EXPECT_TRUE(test, member->enabled);
	/* The global CTRL register is not v9's business. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, 0x000), 0);
}

/* Setting another page table while translating: base, then invalidate. */
static void v9_test_set_table(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x5ffc0000);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m,
		  { V9_FLPT_BASE, 0x0005ffc0 },
		  { V9_ATTR, V9_ATTR_USE_AP },
		  { V9_ALL_INV, 0x00000001 },
		  { V9_CTRL_VM, V9_CTRL_VM_ON });
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(m, V9_FLPT_BASE),
			0x0005ffc0);
}

/* A level-1 table above 4 GiB: pgd >> 12 still fits the register. */
static void v9_test_table_above_4g(struct kunit *test)
{
#ifdef CONFIG_PHYS_ADDR_T_64BIT
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_member(test, SYSMMU_HINT_V9,
						 V9_VERSION, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x887640000ULL);
	spin_unlock_irq(&member->lock);
	KUNIT_EXPECT_EQ(test, m->log[0].off, V9_FLPT_BASE);
	KUNIT_EXPECT_EQ(test, m->log[0].val, 0x00887640);
#else
	kunit_skip(test, "phys_addr_t is 32 bits");
#endif
}

static void v9_test_disable(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_disable(member);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m, { V9_CTRL_VM, 0x00000000 });
	KUNIT_EXPECT_FALSE(test, member->enabled);
}

static void v9_test_flush_all(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_all(member);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m, { V9_ALL_INV, 0x00000001 });
}

/* A new level-1 entry: no per-entry FLPD invalidation, all of it. */
static void v9_test_flush_lv1(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);

	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_lv1(member, 0x12345678);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m, { V9_ALL_INV, 0x00000001 });
}

/* Range invalidation: START = page >> 4, END = (last page >> 4) | 1. */

struct v9_range_case {
	const char *desc;
	u64 iova;
	u64 size;
	u32 start;
	u32 end;
};

static const struct v9_range_case v9_range_cases[] = {
	{ "one byte", 0x12345678, 1, 0x01234500, 0x01234501 },
	{ "one aligned page", 0x12345000, SZ_4K, 0x01234500, 0x01234501 },
	{ "straddling two pages", 0x12345ff0, 0x20, 0x01234500, 0x01234601 },
	{ "five pages", 0x30001000, 5 * SZ_4K, 0x03000100, 0x03000501 },
	{ "a section", 0x40000000, SZ_1M, 0x04000000, 0x0400ff01 },
	{ "the last page below 4 GiB", 0xfffff000, SZ_4K, 0x0fffff00,
	  0x0fffff01 },
	{ "above 4 GiB", 0x812345000ULL, SZ_8K, 0x81234500, 0x81234601 },
	{ "across 4 GiB", 0xffffe000ULL, SZ_16K, 0x0ffffe00, 0x10000101 },
	{ "the last page of 64 GiB", 0xffffff000ULL, SZ_4K, 0xffffff00,
	  0xffffff01 },
};

KUNIT_ARRAY_PARAM_DESC(v9_range, v9_range_cases, desc);

static void v9_test_flush_range(struct kunit *test)
{
	const struct v9_range_case *c = test->param_value;
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);

	v9_flush_range(member, c->iova, c->size);
	KUNIT_EXPECT_EQ(test, m->nr_writes, 2);
	KUNIT_EXPECT_EQ(test, m->log[0].off, V9_RANGE_START);
	KUNIT_EXPECT_EQ(test, m->log[0].val, c->start);
	KUNIT_EXPECT_EQ(test, m->log[1].off, V9_RANGE_END);
	KUNIT_EXPECT_EQ(test, m->log[1].val, c->end);
}

/* Faults. */

struct v9_fault_case {
	const char *desc;
	unsigned int bit;
	enum sysmmu_fault_kind kind;
};

static const struct v9_fault_case v9_fault_cases[] = {
	{ "bit 0 PTW access", 0, SYSMMU_FAULT_PTW },
	{ "bit 1 page", 1, SYSMMU_FAULT_PAGE },
	{ "bit 2 access", 2, SYSMMU_FAULT_ACCESS },
	{ "bit 3 context", 3, SYSMMU_FAULT_CONTEXT },
	{ "bit 4 unknown", 4, SYSMMU_FAULT_UNKNOWN },
};

KUNIT_ARRAY_PARAM_DESC(v9_fault, v9_fault_cases, desc);

/* Raise a fault: status bit, VA, INFO0..2 as the hardware would. */
static void v9_raise(struct sysmmu_test_model *m, u32 status, u32 va,
		     u32 info0, u32 info1, u32 info2)
{
	sysmmu_test_model_set(m, V9_FAULT_VA, va);
	sysmmu_test_model_set(m, V9_FAULT_INFO0, info0);
	sysmmu_test_model_set(m, V9_FAULT_INFO1, info1);
	sysmmu_test_model_set(m, V9_FAULT_INFO2, info2);
	sysmmu_test_model_set(m, V9_FAULT_STATUS, status);
}

static bool v9_read_fault(struct sysmmu_member *member,
			  struct sysmmu_fault *fault)
{
	bool ret;

	memset(fault, 0x5a, sizeof(*fault));
	spin_lock_irq(&member->lock);
	ret = sysmmu_hw_read_fault(member, fault);
	spin_unlock_irq(&member->lock);
	return ret;
}

static void v9_test_fault_kind(struct kunit *test)
{
	const struct v9_fault_case *c = test->param_value;
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(c->bit), 0x12345000, 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, c->bit);
	KUNIT_EXPECT_EQ(test, fault.kind, c->kind);
	KUNIT_EXPECT_EQ(test, fault.iova, 0x12345000);
	KUNIT_EXPECT_EQ(test, fault.vid, 0);
	KUNIT_EXPECT_FALSE(test, fault.write);
	KUNIT_EXPECT_TRUE(test, fault.detail);
	/* Decoding only reads. */
	KUNIT_EXPECT_EQ(test, m->nr_writes, 0);
}

/* The lowest status bit is the one decoded (and cleared) first. */
static void v9_test_fault_lowest_bit(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, 0x1a, 0x1000, 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, 1);
	KUNIT_EXPECT_EQ(test, fault.kind, SYSMMU_FAULT_PAGE);
}

/* INFO0 bit 21: VA bits 35:32 are INFO0 bits 25:22. */
static void v9_test_fault_va_36bit(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(1), 0x12345678, 0x02a00000, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.iova, 0xa12345678ULL);

	v9_raise(m, BIT(1), 0xfffff000, 0x03e00000, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.iova, 0xffffff000ULL);
}

/* Without bit 21, bits 25:22 say nothing: a 32-bit address. */
static void v9_test_fault_va_32bit(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(1), 0x12345678, 0x02800000, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.iova, 0x12345678);
}

/* Direction, length, ASID (INFO0), AXI ID (INFO1), PMMU, stream (INFO2). */
static void v9_test_fault_info(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(2), 0x00400000, 0x0017beef, 0x00001234, 0x03abcdef);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.kind, SYSMMU_FAULT_ACCESS);
	KUNIT_EXPECT_TRUE(test, fault.write);
	KUNIT_EXPECT_EQ(test, fault.length, 7);
	KUNIT_EXPECT_EQ(test, fault.asid, 0xbeef);
	KUNIT_EXPECT_EQ(test, fault.axi_id, 0x1234);
	KUNIT_EXPECT_EQ(test, fault.pmmu, 3);
	KUNIT_EXPECT_EQ(test, fault.stream, 0xabcdef);
	KUNIT_EXPECT_EQ(test, fault.iova, 0x00400000);

	/* Bit 20 clear: a read. */
	v9_raise(m, BIT(2), 0x00400000, 0x0007beef, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_FALSE(test, fault.write);
}

/* A status bit above 4: unknown, no details, still cleared. */
static void v9_test_fault_unknown_bit(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(5), 0x1000, 0x00100000, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.kind, SYSMMU_FAULT_UNKNOWN);
	KUNIT_EXPECT_EQ(test, fault.status_bit, 5);
	KUNIT_EXPECT_FALSE(test, fault.detail);
	KUNIT_EXPECT_EQ(test, fault.iova, 0);
	spin_lock_irq(&member->lock);
	sysmmu_hw_clear_fault(member, &fault);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m, { V9_FAULT_CLEAR, 0x00000020 });
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(m, V9_FAULT_STATUS), 0);
}

static void v9_test_fault_clear(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct sysmmu_fault fault;

	v9_raise(m, BIT(1) | BIT(3), 0x1000, 0, 0, 0);
	KUNIT_ASSERT_TRUE(test, v9_read_fault(member, &fault));
	spin_lock_irq(&member->lock);
	sysmmu_hw_clear_fault(member, &fault);
	spin_unlock_irq(&member->lock);
	V9_EXPECT(test, m, { V9_FAULT_CLEAR, 0x00000002 });
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(m, V9_FAULT_STATUS),
			0x00000008);
}

struct v9_report {
	unsigned int calls;
	unsigned long iova;
	int flags;
};

static int v9_handler(struct iommu_domain *domain, struct device *dev,
		      unsigned long iova, int flags, void *token)
{
	struct v9_report *r = token;

	r->calls++;
	r->iova = iova;
	r->flags = flags;
	return 0;
}

/* Reported through the same path as older families, 36-bit VA and all. */
static void v9_test_fault_report(struct kunit *test)
{
	struct sysmmu_test_model *m;
	struct sysmmu_member *member = v9_enabled(test, &m);
	struct iommu_domain *domain;
	struct v9_report r = { };

	domain = kunit_kzalloc(test, sizeof(*domain), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	iommu_set_fault_handler(domain, v9_handler, &r);
	member->domain = domain;

	v9_raise(m, BIT(1), 0x00345000, 0x00f00000 | BIT(21) | BIT(20), 0, 0);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	if (BITS_PER_LONG == 64)
		KUNIT_EXPECT_EQ(test, (u64)r.iova, 0x300345000ULL);
	KUNIT_EXPECT_EQ(test, r.flags, IOMMU_FAULT_WRITE);
	KUNIT_EXPECT_EQ(test, member->fault_count, 1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(m, V9_FAULT_STATUS), 0);
	KUNIT_EXPECT_FALSE(test, sysmmu_fault_handle(member));
}

/* Through the driver core: the zuma DPU of v9_test_dpu.dtso. */

struct v9_dpu {
	struct sysmmu_test_model *model[2];
	struct sysmmu_member *member[2];
	struct sysmmu_aggregate *agg;
	struct device *master;
};

static int v9_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct v9_dpu), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

/* dpuf0: two PMMUs of 64 entries; dpuf1 likewise, unless told otherwise. */
static struct sysmmu_test_model *v9_dpu_model(struct kunit *test,
					      phys_addr_t base, u32 info1)
{
	struct sysmmu_test_model *m;

	m = sysmmu_test_model_add(test, base, V9_VERSION, 0, 0);
	m->int_status = V9_FAULT_STATUS;
	m->int_clear = V9_FAULT_CLEAR;
	sysmmu_test_model_set(m, V9_SWALKER_INFO, V9_TWO_PMMUS);
	m->pmmu_banked = true;
	m->pmmu_info[0] = V9_PMMU_64_VA36;
	m->pmmu_info[1] = info1;
	return m;
}

static struct v9_dpu *v9_dpu_up(struct kunit *test, u32 dpuf1_pmmu1_info)
{
	struct v9_dpu *d = test->priv;
	static const char * const path[] = { V9_DPUF0, V9_DPUF1 };
	unsigned int i;

	sysmmu_test_drivers_register(test);
	d->model[0] = v9_dpu_model(test, V9_DPUF0_BASE, V9_PMMU_64_VA36);
	d->model[1] = v9_dpu_model(test, V9_DPUF1_BASE, dpuf1_pmmu1_info);
	sysmmu_test_overlay(test, v9_test_dpu);
	sysmmu_test_settle();

	d->agg = sysmmu_test_group_agg(sysmmu_test_find_dev(test, V9_DPU));
	KUNIT_ASSERT_NOT_NULL(test, d->agg);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(d->agg->ready));
	KUNIT_ASSERT_EQ(test, d->agg->nr_members, 2);
	for (i = 0; i < 2; i++) {
		d->member[i] = sysmmu_test_member(sysmmu_test_find_dev(test,
								       path[i]));
		KUNIT_ASSERT_NOT_NULL(test, d->member[i]);
	}
	d->master = sysmmu_test_find_dev(test, V9_DECON);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(d->master));
	return d;
}

/* The stream tables of dpuf0 and dpuf1, as the devicetree gives them. */
static const struct sysmmu_test_access v9_dpuf0_streams[] = {
	{ V9_PMMU_INDICATOR, 0 },
	{ 0x2000, 0x06000181 },		/* PMMU 0 default */
	{ 0x2010, 0x06000181 },		/* entry 1: CFG */
	{ 0x2018, 0x00000040 },		/* SID value */
	{ 0x201c, 0x0000007f },		/* SID mask */
	{ 0x2014, 0x00000101 },		/* read (9:8 = 1), valid */
	{ 0x2020, 0x0a010131 },		/* entry 2 */
	{ 0x2028, 0x00000001 },
	{ 0x202c, 0x0000007f },
	{ 0x2024, 0x00000101 },
	{ 0x2030, 0x0a010131 },		/* entry 3 */
	{ 0x2038, 0x00000041 },
	{ 0x203c, 0x0000007f },
	{ 0x2034, 0x00000101 },
	{ V9_PMMU_INDICATOR, 1 },
	{ 0x2000, 0x08000181 },		/* PMMU 1 default */
	{ 0x2010, 0x08000181 },		/* entry 1 */
	{ 0x2018, 0x00000060 },
	{ 0x201c, 0x0000007f },
	{ 0x2014, 0x00000101 },
};

static const struct sysmmu_test_access v9_dpuf1_streams[] = {
	{ V9_PMMU_INDICATOR, 0 },
	{ 0x2000, 0x06000181 },		/* PMMU 0 default */
};

/* Identification selects each PMMU to read its PMMU_INFO. */
static const struct sysmmu_test_access v9_pmmu_info_reads[] = {
	{ V9_PMMU_INDICATOR, 0 },
	{ V9_PMMU_INDICATOR, 1 },
};

/* Check writes @at .. @at + @n - 1 of the log against @want. */
static void v9_expect_at(struct kunit *test, struct sysmmu_test_model *m,
			 unsigned int at, const struct sysmmu_test_access *want,
			 unsigned int n)
{
	unsigned int i;

	KUNIT_ASSERT_GE(test, m->nr_log, at + n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, m->log[at + i].off, want[i].off,
				    "offset of write %u", at + i);
		KUNIT_EXPECT_EQ_MSG(test, m->log[at + i].val, want[i].val,
				    "value of write %u (to %#x)", at + i,
				    want[i].off);
	}
}

/* At probe: each PMMU's info read, then every stream table programmed. */
static void v9_test_streams_at_probe(struct kunit *test)
{
	struct v9_dpu *d = v9_dpu_up(test, V9_PMMU_64_VA36);
	unsigned int n = ARRAY_SIZE(v9_pmmu_info_reads);

	v9_expect_at(test, d->model[0], 0, v9_pmmu_info_reads, n);
	v9_expect_at(test, d->model[0], n, v9_dpuf0_streams,
		     ARRAY_SIZE(v9_dpuf0_streams));
	v9_expect_at(test, d->model[1], 0, v9_pmmu_info_reads, n);
	v9_expect_at(test, d->model[1], n, v9_dpuf1_streams,
		     ARRAY_SIZE(v9_dpuf1_streams));
	KUNIT_EXPECT_STREQ(test, d->member[0]->family->name, "v9");
	KUNIT_EXPECT_EQ(test, d->member[0]->streams.nr_pmmu, 2);
	KUNIT_EXPECT_EQ(test, d->member[0]->streams.nr_streams, 4);
	KUNIT_EXPECT_EQ(test, d->member[1]->streams.nr_pmmu, 1);
	KUNIT_EXPECT_EQ(test, d->member[1]->streams.nr_streams, 0);
}

KUNIT_DEFINE_ACTION_WRAPPER(v9_rpm_put, pm_runtime_put_sync, struct device *);

static void v9_power(struct kunit *test, struct v9_dpu *d, bool on)
{
	if (on) {
		KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(d->master), 0);
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test, v9_rpm_put,
							  d->master));
	} else {
		kunit_release_action(test, v9_rpm_put, d->master);
	}
	sysmmu_test_wait_powered(test, d->member[0], on);
	sysmmu_test_wait_powered(test, d->member[1], on);
}

/* A resume: the stream tables, then the table and the enable. */
static void v9_expect_resume(struct kunit *test, struct sysmmu_test_model *m,
			     const struct sysmmu_test_access *streams,
			     unsigned int n, u32 base)
{
	const struct sysmmu_test_access enable[] = {
		{ V9_FLPT_BASE, base },
		{ V9_ATTR, V9_ATTR_USE_AP },
		{ V9_ALL_INV, 0x00000001 },
		{ V9_CTRL_VM, V9_CTRL_VM_ON },
	};

	KUNIT_EXPECT_EQ(test, m->nr_writes, n + ARRAY_SIZE(enable));
	v9_expect_at(test, m, 0, streams, n);
	v9_expect_at(test, m, n, enable, ARRAY_SIZE(enable));
}

/*
 * No clocks: runtime PM alone. Suspended, translation is off; on resume
 * the stream tables come back before the page table and the enable.
 */
static void v9_test_streams_on_resume(struct kunit *test)
{
	struct v9_dpu *d = v9_dpu_up(test, V9_PMMU_64_VA36);
	struct iommu_domain *domain;
	u32 base;

	KUNIT_EXPECT_EQ(test, d->member[0]->num_clks, 0);
	KUNIT_EXPECT_EQ(test, d->member[1]->num_clks, 0);
	v9_power(test, d, true);
	v9_power(test, d, false);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(d->model[0], V9_CTRL_VM), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(d->model[1], V9_CTRL_VM), 0);

	domain = iommu_get_domain_for_dev(d->master);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	base = exynos_pt_base(to_sysmmu_domain(domain)->pt) >> 12;
	sysmmu_test_model_clear_log(d->model[0]);
	sysmmu_test_model_clear_log(d->model[1]);
	v9_power(test, d, true);
	v9_expect_resume(test, d->model[0], v9_dpuf0_streams,
			 ARRAY_SIZE(v9_dpuf0_streams), base);
	v9_expect_resume(test, d->model[1], v9_dpuf1_streams,
			 ARRAY_SIZE(v9_dpuf1_streams), base);
}

/* Both members report 36-bit VA: 65536-entry tables, a 64 GiB aperture. */
static void v9_test_36bit_aperture(struct kunit *test)
{
	struct v9_dpu *d = v9_dpu_up(test, V9_PMMU_64_VA36);
	struct iommu_domain *domain = iommu_get_domain_for_dev(d->master);
	unsigned int want = BITS_PER_LONG == 64 ? 36 : 32;

	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_EQ(test, d->member[0]->max_ias, want);
	KUNIT_EXPECT_EQ(test, d->member[1]->max_ias, want);
	KUNIT_EXPECT_EQ(test, to_sysmmu_domain(domain)->cfg.ias, want);
	KUNIT_EXPECT_EQ(test, (u64)domain->geometry.aperture_end,
			BITS_PER_LONG == 64 ? 0xfffffffffULL : 0xffffffffULL);
}

/* One PMMU of one member says 32-bit: the whole aggregate is 32-bit. */
static void v9_test_32bit_member(struct kunit *test)
{
	struct v9_dpu *d = v9_dpu_up(test, V9_PMMU_64_VA32);
	struct iommu_domain *domain = iommu_get_domain_for_dev(d->master);

	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_EQ(test, d->member[1]->max_ias, 32);
	KUNIT_EXPECT_EQ(test, to_sysmmu_domain(domain)->cfg.ias, 32);
	KUNIT_EXPECT_EQ(test, (u64)domain->geometry.aperture_end, 0xffffffffULL);
}

/*
 * 36-bit IOVAs end to end: iommu_map() above 4 GiB, iova_to_phys(), and
 * the range invalidation of the unmap in VPN encoding on both members.
 */
#if BITS_PER_LONG == 64
static void v9_test_map_above_4g(struct kunit *test)
{
	const u64 iova = 0x840000000ULL, top = 0xfff00000ULL | 0xf00000000ULL;
	struct v9_dpu *d;
	struct iommu_domain *domain;
	phys_addr_t pa;
	unsigned int i;
	size_t off;
	void *buf;

	d = v9_dpu_up(test, V9_PMMU_64_VA36);
	domain = sysmmu_test_domain_alloc(test, d->master);
	v9_power(test, d, true);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, d->master), 0);
	buf = kunit_kzalloc(test, SZ_64K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	pa = virt_to_phys(buf);

	for (i = 0; i < 2; i++)
		sysmmu_test_model_clear_log(d->model[i]);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, (unsigned long)iova, pa, SZ_64K,
					IOMMU_READ | IOMMU_WRITE, GFP_KERNEL),
			0);
	/* A new level-1 entry: one full invalidation per member. */
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(d->model[i],
								  V9_ALL_INV),
				1);
	for (off = 0; off < SZ_64K; off += SZ_4K)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain,
							 (unsigned long)(iova + off + 8)),
				pa + off + 8);
	/* The same 4 GiB lower down is not mapped. */
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain,
						 (unsigned long)(iova & 0xffffffff)),
			0);

	/* The very top of the 36-bit space. */
	KUNIT_ASSERT_EQ(test, iommu_map(domain, (unsigned long)top, pa, SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, (unsigned long)top),
			pa);

	for (i = 0; i < 2; i++)
		sysmmu_test_model_clear_log(d->model[i]);
	KUNIT_EXPECT_EQ(test, iommu_unmap(domain, (unsigned long)iova, SZ_64K),
			SZ_64K);
	for (i = 0; i < 2; i++)
		V9_EXPECT(test, d->model[i],
			  { V9_RANGE_START, 0x84000000 },
			  { V9_RANGE_END, 0x84000f01 });
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, (unsigned long)iova),
			0);
	KUNIT_EXPECT_EQ(test, iommu_unmap(domain, (unsigned long)top, SZ_4K),
			SZ_4K);
}

/* Nothing maps at or above 64 GiB. */
static void v9_test_map_beyond_36bit(struct kunit *test)
{
	struct iommu_domain *domain;
	struct v9_dpu *d;
	void *buf;

	d = v9_dpu_up(test, V9_PMMU_64_VA36);
	domain = sysmmu_test_domain_alloc(test, d->master);
	buf = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_TRUE(test, IS_ALIGNED(virt_to_phys(buf), SZ_4K));
	KUNIT_EXPECT_NE(test, iommu_map(domain, (unsigned long)BIT_ULL(36),
					virt_to_phys(buf), SZ_4K, IOMMU_READ,
					GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain,
						 (unsigned long)BIT_ULL(36)),
			0);
}
#else
static void v9_test_map_above_4g(struct kunit *test)
{
	kunit_skip(test, "36-bit IOVAs need a 64-bit kernel");
}

static void v9_test_map_beyond_36bit(struct kunit *test)
{
	kunit_skip(test, "36-bit IOVAs need a 64-bit kernel");
}
#endif

/* gs101 "v8" through the driver core: a 36-bit group of three. */
static void v9_test_v8_group(struct kunit *test)
{
	static const phys_addr_t base[] = {
		0x1d200000, 0x1d210000, 0x1d220000,
	};
	unsigned int want = BITS_PER_LONG == 64 ? 36 : 32;
	struct sysmmu_aggregate *agg;
	struct iommu_domain *domain;
	struct device *master;
	unsigned int i;

	sysmmu_test_drivers_register(test);
	for (i = 0; i < ARRAY_SIZE(base); i++)
		sysmmu_test_model_add(test, base[i], V8_VERSION, V8_CAPA0,
				      V8_CAPA1);
	sysmmu_test_overlay(test, domain_test_gs101);
	sysmmu_test_settle();
	agg = sysmmu_test_group_agg(sysmmu_test_find_dev(test,
							 "/sysmmu-test-domain-gs101"));
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_ASSERT_EQ(test, agg->nr_members, 3);
	for (i = 0; i < 3; i++) {
		KUNIT_EXPECT_STREQ(test, agg->members[i]->family->name, "v8");
		KUNIT_EXPECT_EQ(test, agg->members[i]->version, 0x0801);
		KUNIT_EXPECT_EQ(test, agg->members[i]->max_ias, want);
	}
	master = sysmmu_test_find_dev(test, "/sysmmu-test-domain-master-gs101");
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master));
	domain = iommu_get_domain_for_dev(master);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_EQ(test, to_sysmmu_domain(domain)->cfg.ias, want);
}

/* Malformed stream table properties: the instance does not probe. */

struct v9_bad_case {
	const char *desc;
	const char *path;
	phys_addr_t base;
	bool binds;
};

static const struct v9_bad_case v9_bad_cases[] = {
	{ "no default stream config on zuma", "/iommu@1c600000", 0x1c600000 },
	{ "streams without default config", "/iommu@1c610000", 0x1c610000 },
	{ "a row of five cells", "/iommu@1c620000", 0x1c620000 },
	{ "PMMU without default config", "/iommu@1c630000", 0x1c630000 },
	{ "entry past the stream table", "/iommu@1c640000", 0x1c640000 },
	{ "entry 0 (the default)", "/iommu@1c650000", 0x1c650000 },
	{ "direction 0", "/iommu@1c660000", 0x1c660000 },
	{ "an entry given twice", "/iommu@1c670000", 0x1c670000 },
	{ "more PMMUs than the hardware", "/iommu@1c680000", 0x1c680000 },
	{ "a 25-bit stream ID", "/iommu@1c690000", 0x1c690000 },
	{ "well-formed", "/iommu@1c6a0000", 0x1c6a0000, true },
};

KUNIT_ARRAY_PARAM_DESC(v9_bad, v9_bad_cases, desc);

static void v9_test_bad_streams(struct kunit *test)
{
	const struct v9_bad_case *c = test->param_value;
	struct sysmmu_test_model *m = NULL, *mi;
	struct device *dev;
	unsigned int i;

	sysmmu_test_drivers_register(test);
	/* Every node of the overlay gets a model; this case checks one. */
	for (i = 0; i < ARRAY_SIZE(v9_bad_cases); i++) {
		mi = v9_dpu_model(test, v9_bad_cases[i].base, V9_PMMU_64_VA36);
		if (v9_bad_cases[i].base == c->base)
			m = mi;
	}
	KUNIT_ASSERT_NOT_NULL(test, m);
	sysmmu_test_overlay(test, v9_test_bad);
	sysmmu_test_settle();
	dev = sysmmu_test_find_dev(test, c->path);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, sysmmu_test_bound(dev), c->binds);
	if (c->binds)
		return;
	/* Nothing of a stream table was written. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, 0x2000), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, V9_CTRL_VM), 0);
}

static struct kunit_case v9_test_cases[] = {
	KUNIT_CASE_PARAM(v9_test_family_select, v9_select_gen_params),
	KUNIT_CASE(v9_test_reads_capa),
	KUNIT_CASE(v9_test_v8_layout),
	KUNIT_CASE(v9_test_v9_layout),
	KUNIT_CASE(v9_test_v8_enable),
	KUNIT_CASE(v9_test_v8_flush_range),
	KUNIT_CASE(v9_test_enable),
	KUNIT_CASE(v9_test_set_table),
	KUNIT_CASE(v9_test_table_above_4g),
	KUNIT_CASE(v9_test_disable),
	KUNIT_CASE(v9_test_flush_all),
	KUNIT_CASE(v9_test_flush_lv1),
	KUNIT_CASE_PARAM(v9_test_flush_range, v9_range_gen_params),
	KUNIT_CASE_PARAM(v9_test_fault_kind, v9_fault_gen_params),
	KUNIT_CASE(v9_test_fault_lowest_bit),
	KUNIT_CASE(v9_test_fault_va_36bit),
	KUNIT_CASE(v9_test_fault_va_32bit),
	KUNIT_CASE(v9_test_fault_info),
	KUNIT_CASE(v9_test_fault_unknown_bit),
	KUNIT_CASE(v9_test_fault_clear),
	KUNIT_CASE(v9_test_fault_report),
	KUNIT_CASE(v9_test_streams_at_probe),
	KUNIT_CASE(v9_test_streams_on_resume),
	KUNIT_CASE(v9_test_36bit_aperture),
	KUNIT_CASE(v9_test_32bit_member),
	KUNIT_CASE(v9_test_map_above_4g),
	KUNIT_CASE(v9_test_map_beyond_36bit),
	KUNIT_CASE(v9_test_v8_group),
	KUNIT_CASE_PARAM(v9_test_bad_streams, v9_bad_gen_params),
	{ }
};

static struct kunit_suite v9_test_suite = {
	.name = "exynos-sysmmu-v9",
	.init = v9_test_init,
	.test_cases = v9_test_cases,
};

kunit_test_suite(v9_test_suite);
