// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-hw": VERSION/CAPA decode and the exact
 * register writes of every hardware family.
 *
 * Every offset and value expected here is written out as a number taken
 * from the public hardware description (Linux 6.12 exynos-iommu.c),
 * never read back from the driver's family tables, so that a wrong table
 * fails a test. Members are built directly on recording register models.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "test_model.h"

/* Registers and values every family shares. */
#define HW_CTRL			0x000
#define HW_CFG			0x004
#define HW_STATUS		0x008
#define HW_CTRL_DISABLE		0x0	/* translation off: bypass */
#define HW_CTRL_BLOCK		0x7	/* ENABLE | BLOCK | INT_ENABLE */
#define HW_CTRL_ENABLE		0x5	/* ENABLE | INT_ENABLE */
#define HW_STATUS_BLOCKED	0x1
#define HW_CTRL_VM_ON		0x9	/* VM enable (bit 0) | fault stall (bit 3) */

/* CFG on enable: LRU bit 0, EAP bit 2, QoS 10:7, FLPD cache 20, SYSSEL 22, ACGEN 24. */
#define HW_CFG_V1		0x00000785	/* up to 3.1: LRU | QoS 15 | EAP */
#define HW_CFG_V3_2		0x00500785	/* 3.2: + FLPD cache | SYSSEL */
#define HW_CFG_V3_3		0x01100784	/* 3.3 on: QoS 15 | FLPD | ACGEN | EAP */

/* VM control register block of v7 parts with VMs (VM 0). */
#define HW_CAPA0_CAPA1_EXIST	0x00000800	/* CAPA0 bit 11 */
#define HW_CAPA1_VCR		0x00004000	/* CAPA1 bit 14 */

#define HW_BASE			0x10000000
#define HW_PGD			0x40004000	/* a 16 KiB aligned level-1 table */
#define HW_MAX_LOG		16

/* One family as the public sources describe it. */
struct hw_family {
	const char *desc;
	u32 version_reg;
	u32 capa0;
	u32 capa1;
	const char *name;
	u32 cfg;
	u32 pt_base;
	u32 flush_all;
	u32 flush_entry;
	u32 flush_range;
	u32 flush_start;
	u32 flush_end;
	u32 int_status;
	u32 int_clear;
	u32 ctrl_vm;
	unsigned int pt_base_shift;
	unsigned int pte_shift;
	bool blocks;
	bool flpd_cache;
};

#define HW_V1_LAYOUT \
	.pt_base = 0x14, .flush_all = 0x0c, .flush_entry = 0x10, \
	.int_status = 0x18, .int_clear = 0x1c, \
	.pt_base_shift = 0, .pte_shift = 0, .blocks = true

#define HW_V5_LAYOUT \
	.pt_base = 0x0c, .flush_all = 0x10, .flush_entry = 0x14, \
	.flush_range = 0x18, .flush_start = 0x20, .flush_end = 0x24, \
	.int_status = 0x60, .int_clear = 0x64, \
	.pt_base_shift = 12, .pte_shift = 4, .flpd_cache = true

static const struct hw_family hw_v1_0 = {
	.desc = "v1.0 (VERSION 0x80000001)", .version_reg = 0x80000001,
	.name = "v1", .cfg = HW_CFG_V1, HW_V1_LAYOUT,
};

static const struct hw_family hw_v1_2 = {
	.desc = "v1.2", .version_reg = 0x10400000,
	.name = "v1", .cfg = HW_CFG_V1, HW_V1_LAYOUT,
};

static const struct hw_family hw_v2_1 = {
	.desc = "v2.1", .version_reg = 0x20200000,
	.name = "v1", .cfg = HW_CFG_V1, HW_V1_LAYOUT,
};

static const struct hw_family hw_v3_0 = {
	.desc = "v3.0", .version_reg = 0x30000000,
	.name = "v1", .cfg = HW_CFG_V1, HW_V1_LAYOUT,
};

static const struct hw_family hw_v3_1 = {
	.desc = "v3.1", .version_reg = 0x30200000,
	.name = "v1", .cfg = HW_CFG_V1, HW_V1_LAYOUT,
};

static const struct hw_family hw_v3_2 = {
	.desc = "v3.2", .version_reg = 0x30400000,
	.name = "v3.2", .cfg = HW_CFG_V3_2, HW_V1_LAYOUT,
};

static const struct hw_family hw_v3_3 = {
	.desc = "v3.3", .version_reg = 0x30600000,
	.name = "v3.3", .cfg = HW_CFG_V3_3, HW_V1_LAYOUT,
	.flpd_cache = true,
};

static const struct hw_family hw_v5 = {
	.desc = "v5.1", .version_reg = 0x50200000,
	.name = "v5", .cfg = HW_CFG_V3_3, HW_V5_LAYOUT,
};

static const struct hw_family hw_v7 = {
	.desc = "v7.4 without VM", .version_reg = 0x70800000,
	.capa0 = HW_CAPA0_CAPA1_EXIST,
	.name = "v7", .cfg = HW_CFG_V3_3, HW_V5_LAYOUT,
};

static const struct hw_family hw_v7_vm = {
	.desc = "v7.4 with VM", .version_reg = 0x70800000,
	.capa0 = HW_CAPA0_CAPA1_EXIST, .capa1 = HW_CAPA1_VCR,
	.name = "v7-vm", .cfg = HW_CFG_V3_3,
	.pt_base = 0x800c, .flush_all = 0x8010, .flush_entry = 0x8014,
	.flush_range = 0x8018, .flush_start = 0x8020, .flush_end = 0x8024,
	.int_status = 0x60, .int_clear = 0x64, .ctrl_vm = 0x8000,
	.pt_base_shift = 12, .pte_shift = 4, .flpd_cache = true,
};

static void hw_family_desc(const struct hw_family * const *f, char *desc)
{
	strscpy(desc, (*f)->desc, KUNIT_PARAM_DESC_SIZE);
}

static const struct hw_family * const hw_all[] = {
	&hw_v1_0, &hw_v1_2, &hw_v2_1, &hw_v3_0, &hw_v3_1, &hw_v3_2, &hw_v3_3,
	&hw_v5, &hw_v7, &hw_v7_vm,
};

KUNIT_ARRAY_PARAM(hw_family, hw_all, hw_family_desc);

/* v1-v3: TLB operations only while blocked. */
static const struct hw_family * const hw_blocking[] = {
	&hw_v1_0, &hw_v2_1, &hw_v3_1, &hw_v3_2, &hw_v3_3,
};

KUNIT_ARRAY_PARAM(hw_blocking_family, hw_blocking, hw_family_desc);

/* Families with a level-1 (FLPD) cache. */
static const struct hw_family * const hw_flpd[] = {
	&hw_v3_3, &hw_v5, &hw_v7, &hw_v7_vm,
};

KUNIT_ARRAY_PARAM(hw_flpd_family, hw_flpd, hw_family_desc);

/* Families with range invalidation and 36-bit page tables. */
static const struct hw_family * const hw_range[] = {
	&hw_v5, &hw_v7, &hw_v7_vm,
};

KUNIT_ARRAY_PARAM(hw_range_family, hw_range, hw_family_desc);

static const struct hw_family *hw_param(struct kunit *test)
{
	return *(const struct hw_family * const *)test->param_value;
}

/* Expected register writes, in order. */
struct hw_seq {
	struct sysmmu_test_access w[HW_MAX_LOG];
	unsigned int n;
};

static void hw_seq_add(struct hw_seq *seq, u32 off, u32 val)
{
	if (!WARN_ON(seq->n >= ARRAY_SIZE(seq->w)))
		seq->w[seq->n++] = (struct sysmmu_test_access){ off, val };
}

/* The write sequence of one TLB operation: blocked on v1-v3 only. */
static void hw_seq_tlb_op(struct hw_seq *seq, const struct hw_family *f,
			  u32 off, u32 val)
{
	if (f->blocks)
		hw_seq_add(seq, HW_CTRL, HW_CTRL_BLOCK);
	hw_seq_add(seq, off, val);
	if (f->blocks)
		hw_seq_add(seq, HW_CTRL, HW_CTRL_ENABLE);
}

static void hw_seq_enable(struct hw_seq *seq, const struct hw_family *f,
			  u32 pt_base_val)
{
	hw_seq_add(seq, HW_CTRL, HW_CTRL_BLOCK);
	hw_seq_add(seq, HW_CFG, f->cfg);
	hw_seq_add(seq, f->pt_base, pt_base_val);
	hw_seq_add(seq, f->flush_all, 1);
	if (f->ctrl_vm)
		hw_seq_add(seq, f->ctrl_vm, HW_CTRL_VM_ON);
	hw_seq_add(seq, HW_CTRL, HW_CTRL_ENABLE);
}

static void hw_dump_log(struct kunit *test, struct sysmmu_test_model *model)
{
	unsigned int i;

	for (i = 0; i < model->nr_log; i++)
		kunit_info(test, "  write %u: [%#06x] <- %#010x\n", i,
			   model->log[i].off, model->log[i].val);
}

/* Check that the model saw exactly @want's writes, in order. */
static void hw_expect_seq(struct kunit *test, struct sysmmu_test_model *model,
			  const struct sysmmu_test_access *want, unsigned int n)
{
	bool ok = model->nr_writes == n;
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, model->nr_writes, n,
			    "number of register writes");
	for (i = 0; i < n && i < model->nr_log; i++) {
		KUNIT_EXPECT_EQ_MSG(test, model->log[i].off, want[i].off,
				    "offset of write %u", i);
		KUNIT_EXPECT_EQ_MSG(test, model->log[i].val, want[i].val,
				    "value of write %u (expected at %#x)", i,
				    want[i].off);
		ok &= model->log[i].off == want[i].off &&
		      model->log[i].val == want[i].val;
	}
	if (!ok)
		hw_dump_log(test, model);
}

static void hw_expect(struct kunit *test, struct sysmmu_test_model *model,
		      const struct hw_seq *seq)
{
	hw_expect_seq(test, model, seq->w, seq->n);
}

/* A powered member of family @f on a fresh register model. */
static struct sysmmu_member *hw_member(struct kunit *test,
				       const struct hw_family *f,
				       struct sysmmu_test_model **modelp)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member;

	model = sysmmu_test_model_add(test, HW_BASE, f->version_reg, f->capa0,
				      f->capa1);
	member = kunit_kzalloc(test, sizeof(*member), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, member);
	member->dev = kunit_device_register(test, "exynos-sysmmu-hw-test");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, member->dev);
	spin_lock_init(&member->lock);
	ratelimit_state_init(&member->fault_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	member->model = &model->mmio;
	member->family = sysmmu_family_select(f->version_reg, f->capa0,
					      f->capa1, &member->version);
	KUNIT_ASSERT_NOT_NULL_MSG(test, member->family, "%s not supported",
				  f->desc);
	member->powered = true;
	*modelp = model;
	return member;
}

/* A member that is already translating with HW_PGD, log cleared. */
static struct sysmmu_member *hw_enabled_member(struct kunit *test,
					       const struct hw_family *f,
					       struct sysmmu_test_model **modelp)
{
	struct sysmmu_member *member = hw_member(test, f, modelp);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, HW_PGD);
	member->pt_base = HW_PGD;
	spin_unlock_irq(&member->lock);
	sysmmu_test_model_clear_log(*modelp);
	return member;
}

static void hw_flush_range(struct sysmmu_member *member, u64 iova, u64 size)
{
	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_range(member, iova, size);
	spin_unlock_irq(&member->lock);
}

/* VERSION decode. */

struct hw_version_case {
	const char *desc;
	u32 reg;
	unsigned int major;
	unsigned int minor;
};

static const struct hw_version_case hw_version_cases[] = {
	{ "0x80000001 reads as 1.0", 0x80000001, 1, 0 },
	{ "0x80000000 is 8.0, not the 1.0 quirk", 0x80000000, 8, 0 },
	{ "0x80000003 is 8.0, not the 1.0 quirk", 0x80000003, 8, 0 },
	{ "1.2", 0x10400000, 1, 2 },
	{ "2.1", 0x20200000, 2, 1 },
	{ "3.1", 0x30200000, 3, 1 },
	{ "3.3, bits 20:0 ignored", 0x307fffff, 3, 3 },
	{ "5.1", 0x50200000, 5, 1 },
	{ "7.4", 0x70800000, 7, 4 },
	{ "3.127: 7-bit minor", 0x3fe00000, 3, 127 },
	{ "15.127: every field bit", 0xffe00000, 15, 127 },
	{ "0.0", 0x001fffff, 0, 0 },
};

KUNIT_ARRAY_PARAM_DESC(hw_version, hw_version_cases, desc);

static void hw_test_version_decode(struct kunit *test)
{
	const struct hw_version_case *c = test->param_value;
	unsigned int v = sysmmu_version_decode(c->reg);

	KUNIT_EXPECT_EQ_MSG(test, v >> 8, c->major, "major of %#x", c->reg);
	KUNIT_EXPECT_EQ_MSG(test, v & 0xff, c->minor, "minor of %#x", c->reg);
}

/* Family selection from VERSION and CAPA0/CAPA1. */

struct hw_select_case {
	const char *desc;
	u32 reg;
	u32 capa0;
	u32 capa1;
	const char *family;	/* NULL: not supported */
	unsigned int version;
};

static const struct hw_select_case hw_select_cases[] = {
	{ "1.0 quirk value", 0x80000001, 0, 0, "v1", 0x0100 },
	{ "1.2", 0x10400000, 0, 0, "v1", 0x0102 },
	{ "2.1", 0x20200000, 0, 0, "v1", 0x0201 },
	{ "3.0", 0x30000000, 0, 0, "v1", 0x0300 },
	{ "3.1 is the last without FLPD cache", 0x30200000, 0, 0, "v1", 0x0301 },
	{ "3.2", 0x30400000, 0, 0, "v3.2", 0x0302 },
	{ "3.3", 0x30600000, 0, 0, "v3.3", 0x0303 },
	{ "3.4 is configured like 3.3", 0x30800000, 0, 0, "v3.3", 0x0304 },
	{ "5.0", 0x50000000, 0, 0, "v5", 0x0500 },
	{ "5.1 ignores CAPA", 0x50200000, 0xffffffff, 0xffffffff, "v5",
	  0x0501 },
	{ "7.4 no CAPA bits", 0x70800000, 0, 0, "v7", 0x0704 },
	{ "7.4 CAPA0 bit 11 only", 0x70800000, 0x800, 0, "v7", 0x0704 },
	{ "7.4 CAPA1 bit 14 without CAPA0 bit 11", 0x70800000, 0, 0x4000,
	  "v7", 0x0704 },
	{ "7.4 all CAPA bits but CAPA0 bit 11", 0x70800000, 0xfffff7ff,
	  0xffffffff, "v7", 0x0704 },
	{ "7.4 all CAPA bits but CAPA1 bit 14", 0x70800000, 0xffffffff,
	  0xffffbfff, "v7", 0x0704 },
	{ "7.4 CAPA0 bit 11 + CAPA1 bit 14", 0x70800000, 0x800, 0x4000,
	  "v7-vm", 0x0704 },
	{ "7.0 VM", 0x70000000, 0x800, 0x4000, "v7-vm", 0x0700 },
	{ "0.0 unknown", 0x00000000, 0, 0, NULL, 0x0000 },
	{ "4.0 unknown", 0x40000000, 0, 0, NULL, 0x0400 },
	{ "4.5 unknown", 0x40a00000, 0, 0, NULL, 0x0405 },
	{ "6.0 unknown", 0x60000000, 0, 0, NULL, 0x0600 },
	{ "6.1 unknown, with CAPA bits", 0x60200000, 0x800, 0x4000, NULL,
	  0x0601 },
	{ "15.0 unknown", 0xf0000000, 0, 0, NULL, 0x0f00 },
	{ "15.127 unknown", 0xffe00000, 0x800, 0x4000, NULL, 0x0f7f },
};

KUNIT_ARRAY_PARAM_DESC(hw_select, hw_select_cases, desc);

static void hw_test_family_select(struct kunit *test)
{
	const struct hw_select_case *c = test->param_value;
	const struct sysmmu_family *family;
	unsigned int version = 0xdead;

	family = sysmmu_family_select(c->reg, c->capa0, c->capa1, &version);
	KUNIT_EXPECT_EQ(test, version, c->version);
	if (!c->family) {
		KUNIT_EXPECT_NULL(test, family);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, family);
	KUNIT_EXPECT_STREQ(test, family->name, c->family);
}

/* The descriptor of each family against the register map. */
static void hw_test_family_layout(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	const struct sysmmu_family *family;
	unsigned int version;

	family = sysmmu_family_select(f->version_reg, f->capa0, f->capa1,
				      &version);
	KUNIT_ASSERT_NOT_NULL(test, family);
	KUNIT_EXPECT_STREQ(test, family->name, f->name);
	KUNIT_EXPECT_EQ(test, family->regs.pt_base, f->pt_base);
	KUNIT_EXPECT_EQ(test, family->regs.flush_all, f->flush_all);
	KUNIT_EXPECT_EQ(test, family->regs.flush_entry, f->flush_entry);
	KUNIT_EXPECT_EQ(test, family->regs.flush_range, f->flush_range);
	if (f->flush_range) {
		KUNIT_EXPECT_EQ(test, family->regs.flush_start, f->flush_start);
		KUNIT_EXPECT_EQ(test, family->regs.flush_end, f->flush_end);
	}
	KUNIT_EXPECT_EQ(test, family->regs.int_status, f->int_status);
	KUNIT_EXPECT_EQ(test, family->regs.int_clear, f->int_clear);
	KUNIT_EXPECT_EQ(test, family->regs.ctrl_vm, f->ctrl_vm);
	KUNIT_EXPECT_EQ(test, family->cfg, f->cfg);
	KUNIT_EXPECT_EQ(test, family->pt_base_shift, f->pt_base_shift);
	KUNIT_EXPECT_EQ(test, family->pte_shift, f->pte_shift);
	KUNIT_EXPECT_EQ(test, family->block_for_flush, f->blocks);
	KUNIT_EXPECT_EQ(test, family->flpd_cache, f->flpd_cache);
}

/* Enable, set page table, disable. */

static void hw_test_enable(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, HW_PGD);
	spin_unlock_irq(&member->lock);

	hw_seq_enable(&want, f, f->pt_base_shift ? 0x40004 : 0x40004000);
	hw_expect(test, model, &want);
	KUNIT_EXPECT_TRUE(test, member->enabled);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, HW_CTRL),
			HW_CTRL_ENABLE);
}

/* Switching tables: the new base is programmed and the TLB flushed. */
static void hw_test_enable_new_table(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x5fffc000);
	spin_unlock_irq(&member->lock);

	hw_seq_enable(&want, f, f->pt_base_shift ? 0x5fffc : 0x5fffc000);
	hw_expect(test, model, &want);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->pt_base),
			f->pt_base_shift ? 0x5fffc : 0x5fffc000);
}

/* v5 and later take pgd >> 12 so a 32-bit register reaches 36-bit tables. */
static void hw_test_enable_36bit_table(struct kunit *test)
{
#ifdef CONFIG_PHYS_ADDR_T_64BIT
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x887654000ULL);
	spin_unlock_irq(&member->lock);

	hw_seq_enable(&want, f, 0x887654);
	hw_expect(test, model, &want);
#else
	kunit_skip(test, "phys_addr_t is 32 bits");
#endif
}

static void hw_test_disable(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_disable(member);
	spin_unlock_irq(&member->lock);

	hw_seq_add(&want, HW_CTRL, HW_CTRL_DISABLE);
	hw_seq_add(&want, HW_CFG, 0);
	if (f->ctrl_vm)
		hw_seq_add(&want, f->ctrl_vm, 0);
	hw_expect(test, model, &want);
	KUNIT_EXPECT_FALSE(test, member->enabled);
}

/* The sequences of two families written out in full, as anchors. */
static void hw_test_v1_enable_literal(struct kunit *test)
{
	static const struct sysmmu_test_access want[] = {
		{ 0x000, 0x00000007 },	/* CTRL: enable, block, interrupts */
		{ 0x004, 0x00000785 },	/* CFG: LRU, QoS 15, EAP */
		{ 0x014, 0x40004000 },	/* PT_BASE: the table address */
		{ 0x00c, 0x00000001 },	/* FLUSH_ALL */
		{ 0x000, 0x00000005 },	/* CTRL: enable, interrupts */
		{ 0x000, 0x00000000 },	/* disable: CTRL */
		{ 0x004, 0x00000000 },	/* disable: CFG */
	};
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_member(test, &hw_v2_1, &model);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x40004000);
	sysmmu_hw_disable(member);
	spin_unlock_irq(&member->lock);
	hw_expect_seq(test, model, want, ARRAY_SIZE(want));
}

static void hw_test_v7_vm_enable_literal(struct kunit *test)
{
	static const struct sysmmu_test_access want[] = {
		{ 0x0000, 0x00000007 },	/* CTRL: enable, block, interrupts */
		{ 0x0004, 0x01100784 },	/* CFG: QoS 15, FLPD, ACGEN, EAP */
		{ 0x800c, 0x00040004 },	/* PT_BASE_VM: 0x40004000 >> 12 */
		{ 0x8010, 0x00000001 },	/* FLUSH_ALL_VM */
		{ 0x8000, 0x00000009 },	/* CTRL_VM: enable, fault stall */
		{ 0x0000, 0x00000005 },	/* CTRL: enable, interrupts */
		{ 0x0000, 0x00000000 },	/* disable: CTRL */
		{ 0x0004, 0x00000000 },	/* disable: CFG */
		{ 0x8000, 0x00000000 },	/* disable: CTRL_VM */
	};
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_member(test, &hw_v7_vm, &model);

	spin_lock_irq(&member->lock);
	sysmmu_hw_enable(member, 0x40004000);
	sysmmu_hw_disable(member);
	spin_unlock_irq(&member->lock);
	hw_expect_seq(test, model, want, ARRAY_SIZE(want));
}

/* TLB invalidation. */

static void hw_test_flush_all(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_all(member);
	spin_unlock_irq(&member->lock);

	hw_seq_tlb_op(&want, f, f->flush_all, 1);
	hw_expect(test, model, &want);
	/* Only v1-v3 poll STATUS for the block. */
	if (!f->blocks)
		KUNIT_EXPECT_EQ(test, model->nr_reads, 0);
}

/* Part of one page: one entry on v1-v3, a one-page range on v5 and later. */
static void hw_test_flush_range_one_page(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0x12345678, 0x10);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x12345000);
		hw_seq_add(&want, f->flush_end, 0x12345000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_entry, 0x12345001);
	}
	hw_expect(test, model, &want);
}

/* Exactly one aligned 4 KiB page is still a single page. */
static void hw_test_flush_range_aligned_page(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0x20000000, SZ_4K);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x20000000);
		hw_seq_add(&want, f->flush_end, 0x20000000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_entry, 0x20000001);
	}
	hw_expect(test, model, &want);
}

/* Eight bytes straddling a page boundary touch two pages. */
static void hw_test_flush_range_straddle(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0x20000ffc, 8);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x20000000);
		hw_seq_add(&want, f->flush_end, 0x20001000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_all, 1);
	}
	hw_expect(test, model, &want);
}

/* 64 KiB: a range (END = last page) on v5+, everything on v1-v3. */
static void hw_test_flush_range_multi_page(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0x30000000, SZ_64K);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x30000000);
		hw_seq_add(&want, f->flush_end, 0x3000f000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_all, 1);
	}
	hw_expect(test, model, &want);
}

/* A 1 MiB section, as unmapping one would flush. */
static void hw_test_flush_range_section(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0x40100000, SZ_1M);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x40100000);
		hw_seq_add(&want, f->flush_end, 0x401ff000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_all, 1);
	}
	hw_expect(test, model, &want);
}

/* The whole 4 GiB space: START 0, END the last page. */
static void hw_test_flush_range_4g(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	hw_flush_range(member, 0, SZ_4G);

	if (f->flush_range) {
		hw_seq_add(&want, f->flush_start, 0x00000000);
		hw_seq_add(&want, f->flush_end, 0xfffff000);
		hw_seq_add(&want, f->flush_range, 1);
	} else {
		hw_seq_tlb_op(&want, f, f->flush_all, 1);
	}
	hw_expect(test, model, &want);
}

/* Whatever the size, a range flush costs at most three writes. */
static void hw_test_flush_range_bounded(struct kunit *test)
{
	static const u64 sizes[] = {
		1, SZ_4K, SZ_4K + 1, SZ_64K, SZ_1M, SZ_16M, SZ_256M, SZ_4G,
	};
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		sysmmu_test_model_clear_log(model);
		hw_flush_range(member, 0, sizes[i]);
		KUNIT_EXPECT_LE_MSG(test, model->nr_writes, 3,
				    "flush of %#llx bytes", sizes[i]);
		KUNIT_EXPECT_GE_MSG(test, model->nr_writes, 1,
				    "flush of %#llx bytes", sizes[i]);
		if (f->flush_range)
			KUNIT_EXPECT_EQ_MSG(test,
					    sysmmu_test_model_get(model,
								  f->flush_end),
					    (u32)((sizes[i] - 1) & ~0xfffULL),
					    "END of a %#llx-byte flush",
					    sizes[i]);
	}
}

/* A new level-1 entry: the one entry on v3.3, everything on v5 and later. */
static void hw_test_flush_lv1(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_lv1(member, 0x20100234);
	spin_unlock_irq(&member->lock);

	if (f->blocks)
		hw_seq_tlb_op(&want, f, f->flush_entry, 0x20100001);
	else
		hw_seq_tlb_op(&want, f, f->flush_all, 1);
	hw_expect(test, model, &want);
}

/* v5 and later: the range registers, no block (CTRL untouched). */
static void hw_test_flush_range_no_block(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);

	hw_flush_range(member, 0x1000, SZ_8K);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model, HW_CTRL), 0);
	KUNIT_EXPECT_EQ(test, model->nr_reads, 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->flush_start),
			0x1000);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->flush_end),
			0x2000);
}

/*
 * v1-v3 whose block never completes: each invalidation is still issued
 * (a stale TLB entry is worse), bracketed as usual, and the wait is bounded.
 */
static void hw_test_block_timeout(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_seq want = {};

	model->never_blocks = true;

	spin_lock_irq(&member->lock);
	sysmmu_hw_flush_all(member);
	spin_unlock_irq(&member->lock);
	hw_seq_tlb_op(&want, f, f->flush_all, 1);
	hw_expect(test, model, &want);
	KUNIT_EXPECT_GE(test, model->nr_reads, 1);
	/* 100 us of polling, not 100000 reads. */
	KUNIT_EXPECT_LE(test, model->nr_reads, 1000);

	sysmmu_test_model_clear_log(model);
	hw_flush_range(member, 0x00abc123, 4);
	want.n = 0;
	hw_seq_tlb_op(&want, f, f->flush_entry, 0x00abc001);
	hw_expect(test, model, &want);

	sysmmu_test_model_clear_log(model);
	hw_flush_range(member, 0x00abc000, SZ_8K);
	want.n = 0;
	hw_seq_tlb_op(&want, f, f->flush_all, 1);
	hw_expect(test, model, &want);
}

/* A model that records reads and writes in one trace. */
struct hw_trace_event {
	bool write;
	u32 off;
	u32 val;
};

struct hw_trace {
	struct sysmmu_mmio_model mmio;
	struct sysmmu_mmio_model *inner;
	struct hw_trace_event ev[64];
	unsigned int n;
};

static void hw_trace_add(struct hw_trace *t, bool write, u32 off, u32 val)
{
	if (t->n < ARRAY_SIZE(t->ev))
		t->ev[t->n++] = (struct hw_trace_event){ write, off, val };
}

static u32 hw_trace_read(struct sysmmu_mmio_model *mmio, u32 off)
{
	struct hw_trace *t = container_of(mmio, struct hw_trace, mmio);
	u32 val = t->inner->read(t->inner, off);

	hw_trace_add(t, false, off, val);
	return val;
}

static void hw_trace_write(struct sysmmu_mmio_model *mmio, u32 off, u32 val)
{
	struct hw_trace *t = container_of(mmio, struct hw_trace, mmio);

	hw_trace_add(t, true, off, val);
	t->inner->write(t->inner, off, val);
}

/* v1-v3 wait until STATUS says "blocked" before invalidating. */
static void hw_test_block_waits(struct kunit *test)
{
	const struct hw_family *f = hw_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = hw_enabled_member(test, f, &model);
	struct hw_trace *t;
	unsigned int i, blocked_at = 0, flush_at = 0, unblock_at = 0;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->inner = member->model;
	t->mmio.read = hw_trace_read;
	t->mmio.write = hw_trace_write;
	member->model = &t->mmio;

	hw_flush_range(member, 0x00123000, 0x100);

	KUNIT_ASSERT_GE(test, t->n, 4);
	KUNIT_EXPECT_TRUE(test, t->ev[0].write);
	KUNIT_EXPECT_EQ(test, t->ev[0].off, HW_CTRL);
	KUNIT_EXPECT_EQ(test, t->ev[0].val, HW_CTRL_BLOCK);
	for (i = 1; i < t->n; i++) {
		const struct hw_trace_event *e = &t->ev[i];

		if (!e->write && e->off == HW_STATUS &&
		    (e->val & HW_STATUS_BLOCKED) && !blocked_at)
			blocked_at = i;
		if (e->write && e->off == f->flush_entry && !flush_at)
			flush_at = i;
		if (e->write && e->off == HW_CTRL && !unblock_at)
			unblock_at = i;
	}
	KUNIT_EXPECT_GT_MSG(test, blocked_at, 0, "STATUS never read as blocked");
	KUNIT_EXPECT_GT(test, flush_at, blocked_at);
	KUNIT_EXPECT_GT(test, unblock_at, flush_at);
	KUNIT_EXPECT_EQ(test, t->ev[flush_at].val, 0x00123001);
	KUNIT_EXPECT_EQ(test, t->ev[unblock_at].val, HW_CTRL_ENABLE);
}

static struct kunit_case hw_test_cases[] = {
	KUNIT_CASE_PARAM(hw_test_version_decode, hw_version_gen_params),
	KUNIT_CASE_PARAM(hw_test_family_select, hw_select_gen_params),
	KUNIT_CASE_PARAM(hw_test_family_layout, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_enable, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_enable_new_table, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_enable_36bit_table,
			 hw_range_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_disable, hw_family_gen_params),
	KUNIT_CASE(hw_test_v1_enable_literal),
	KUNIT_CASE(hw_test_v7_vm_enable_literal),
	KUNIT_CASE_PARAM(hw_test_flush_all, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_one_page, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_aligned_page,
			 hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_straddle, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_multi_page, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_section, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_4g, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_bounded, hw_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_range_no_block,
			 hw_range_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_flush_lv1, hw_flpd_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_block_timeout, hw_blocking_family_gen_params),
	KUNIT_CASE_PARAM(hw_test_block_waits, hw_blocking_family_gen_params),
	{}
};

static struct kunit_suite hw_test_suite = {
	.name = "exynos-sysmmu-hw",
	.test_cases = hw_test_cases,
};

kunit_test_suite(hw_test_suite);
