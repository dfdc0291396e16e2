// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-fault": fault decode, clear and report.
 *
 * Status bits and the registers holding each fault's address are written
 * out as numbers from the public hardware description (Linux 6.12
 * exynos-iommu.c), never taken from the driver's tables. Members are built
 * directly on recording register models; faults are raised by setting the
 * model's status register as the hardware would.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/iommu.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "test_model.h"

#define FT_CTRL			0x000
#define FT_CTRL_ENABLE		0x5	/* ENABLE | INT_ENABLE: unblocked */
#define FT_BASE			0x10010000
#define FT_PGD			0x40004000
#define FT_INFO_WRITE		0x00100000	/* v7 FAULT_INFO bit 20 */
#define FT_STORM		10000

/* Decoys: every fault address register holds a value naming itself. */
#define FT_DECOY(off)		(0xa0000000 | (off))

/*
 * One family and how to raise a read and a write fault on it: the status
 * bit, the register the driver must take the address from and, on v7, the
 * FAULT_INFO register whose bit 20 tells a write.
 */
struct ft_family {
	const char *desc;
	u32 version_reg;
	u32 capa0;
	u32 capa1;
	u32 int_status;
	u32 int_clear;
	bool unblocks;		/* v1-v3: the clear also unblocks */
	unsigned int read_bit;
	u32 read_va;
	unsigned int write_bit;
	u32 write_va;
	u32 info;		/* 0: direction given by the bit */
	const u32 *addr_regs;	/* every fault address register */
	unsigned int nr_addr_regs;
};

static const u32 ft_v1_addr_regs[] = { 0x24, 0x28, 0x2c, 0x30 };
static const u32 ft_v5_addr_regs[] = { 0x70, 0x80 };
static const u32 ft_v7_addr_regs[] = { 0x70, 0x78 };
static const u32 ft_v7_vm_addr_regs[] = {
	0x1000, 0x1004, 0x1010, 0x1014, 0x1020, 0x1024, 0x1030, 0x1034,
	0x1040, 0x1044, 0x1050, 0x1054, 0x1060, 0x1064, 0x1070, 0x1074,
};

/* v1-v3: AR access (bit 5, AR address 0x2c), AW access (bit 7, 0x28). */
#define FT_V1_FAULTS \
	.int_status = 0x18, .int_clear = 0x1c, .unblocks = true, \
	.read_bit = 5, .read_va = 0x2c, .write_bit = 7, .write_va = 0x28, \
	.addr_regs = ft_v1_addr_regs, \
	.nr_addr_regs = ARRAY_SIZE(ft_v1_addr_regs)

static const struct ft_family ft_v3_1 = {
	.desc = "v3.1", .version_reg = 0x30200000, FT_V1_FAULTS,
};

static const struct ft_family ft_v3_2 = {
	.desc = "v3.2", .version_reg = 0x30400000, FT_V1_FAULTS,
};

static const struct ft_family ft_v3_3 = {
	.desc = "v3.3", .version_reg = 0x30600000, FT_V1_FAULTS,
};

/* v5: AR access bit 3 (VA 0x70), AW access bit 19 (VA 0x80). */
static const struct ft_family ft_v5 = {
	.desc = "v5.1", .version_reg = 0x50200000,
	.int_status = 0x60, .int_clear = 0x64,
	.read_bit = 3, .read_va = 0x70, .write_bit = 19, .write_va = 0x80,
	.addr_regs = ft_v5_addr_regs,
	.nr_addr_regs = ARRAY_SIZE(ft_v5_addr_regs),
};

/* v7: page fault bit 1, FAULT_VA 0x70, FAULT_INFO 0x78. */
static const struct ft_family ft_v7 = {
	.desc = "v7.4 without VM", .version_reg = 0x70800000,
	.int_status = 0x60, .int_clear = 0x64,
	.read_bit = 1, .read_va = 0x70, .write_bit = 1, .write_va = 0x70,
	.info = 0x78,
	.addr_regs = ft_v7_addr_regs,
	.nr_addr_regs = ARRAY_SIZE(ft_v7_addr_regs),
};

/* v7 with VM: page fault of VID 1 (bit 5), FAULT_VA 0x1010, INFO 0x1014. */
static const struct ft_family ft_v7_vm = {
	.desc = "v7.4 with VM", .version_reg = 0x70800000,
	.capa0 = 0x800, .capa1 = 0x4000,
	.int_status = 0x60, .int_clear = 0x64,
	.read_bit = 5, .read_va = 0x1010, .write_bit = 5, .write_va = 0x1010,
	.info = 0x1014,
	.addr_regs = ft_v7_vm_addr_regs,
	.nr_addr_regs = ARRAY_SIZE(ft_v7_vm_addr_regs),
};

static void ft_family_desc(const struct ft_family * const *f, char *desc)
{
	strscpy(desc, (*f)->desc, KUNIT_PARAM_DESC_SIZE);
}

static const struct ft_family * const ft_all[] = {
	&ft_v3_1, &ft_v3_2, &ft_v3_3, &ft_v5, &ft_v7, &ft_v7_vm,
};

KUNIT_ARRAY_PARAM(ft_family, ft_all, ft_family_desc);

static const struct ft_family *ft_param(struct kunit *test)
{
	return *(const struct ft_family * const *)test->param_value;
}

/* What the fault handler was called with. */
struct ft_report {
	unsigned int calls;
	struct iommu_domain *domain;
	struct device *dev;
	unsigned long iova;
	int flags;
	int ret;
};

static int ft_handler(struct iommu_domain *domain, struct device *dev,
		      unsigned long iova, int flags, void *token)
{
	struct ft_report *r = token;

	r->calls++;
	r->domain = domain;
	r->dev = dev;
	r->iova = iova;
	r->flags = flags;
	return r->ret;
}

/*
 * A powered, enabled member of family @f, instance @n of the test, with
 * decoys in its fault address registers (none has FAULT_INFO bit 20 set).
 */
static struct sysmmu_member *ft_member_n(struct kunit *test,
					 const struct ft_family *f,
					 unsigned int n,
					 struct sysmmu_test_model **modelp)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member;
	char name[32];
	unsigned int i;

	model = sysmmu_test_model_add(test, FT_BASE + n * 0x10000,
				      f->version_reg, f->capa0, f->capa1);
	model->int_status = f->int_status;
	model->int_clear = f->int_clear;
	for (i = 0; i < f->nr_addr_regs; i++)
		sysmmu_test_model_set(model, f->addr_regs[i],
				      FT_DECOY(f->addr_regs[i]));

	member = kunit_kzalloc(test, sizeof(*member), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, member);
	snprintf(name, sizeof(name), "exynos-sysmmu-fault-test.%u", n);
	member->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, member->dev);
	spin_lock_init(&member->lock);
	/* As probe does. */
	ratelimit_state_init(&member->fault_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	ratelimit_set_flags(&member->fault_rs, RATELIMIT_MSG_ON_RELEASE);
	member->model = &model->mmio;
	member->family = sysmmu_family_select(f->version_reg, f->capa0,
					      f->capa1, &member->version);
	KUNIT_ASSERT_NOT_NULL(test, member->family);
	member->powered = true;
	member->enabled = true;
	member->pt_base = FT_PGD;
	*modelp = model;
	return member;
}

static struct sysmmu_member *ft_member(struct kunit *test,
				       const struct ft_family *f,
				       struct sysmmu_test_model **modelp)
{
	return ft_member_n(test, f, 0, modelp);
}

/* A domain with ft_handler reporting into @r, attached to @member. */
static struct iommu_domain *ft_domain(struct kunit *test,
				      struct sysmmu_member *member,
				      struct ft_report *r)
{
	struct iommu_domain *domain;

	domain = kunit_kzalloc(test, sizeof(*domain), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	if (r)
		iommu_set_fault_handler(domain, ft_handler, r);
	member->domain = domain;
	return domain;
}

/* Raise the family's read or write fault at @iova. */
static void ft_raise(const struct ft_family *f,
		     struct sysmmu_test_model *model, bool write, u32 iova)
{
	sysmmu_test_model_set(model, write ? f->write_va : f->read_va, iova);
	if (f->info)
		sysmmu_test_model_set(model, f->info, write ? FT_INFO_WRITE : 0);
	sysmmu_test_model_set(model, f->int_status,
			      BIT(write ? f->write_bit : f->read_bit));
}

static bool ft_read_fault(struct sysmmu_member *member,
			  struct sysmmu_fault *fault)
{
	bool ret;

	memset(fault, 0x5a, sizeof(*fault));
	spin_lock_irq(&member->lock);
	ret = sysmmu_hw_read_fault(member, fault);
	spin_unlock_irq(&member->lock);
	return ret;
}

static void ft_clear_fault(struct sysmmu_member *member,
			   const struct sysmmu_fault *fault)
{
	spin_lock_irq(&member->lock);
	sysmmu_hw_clear_fault(member, fault);
	spin_unlock_irq(&member->lock);
}

/* Messages the member's rate limit let through since it was set up. */
static int ft_printed(struct sysmmu_member *member, int raised)
{
	return raised - ratelimit_state_get_miss(&member->fault_rs);
}

/* Decode. */

struct ft_decode_case {
	const char *desc;
	unsigned int bit;
	u32 addr_reg;		/* 0: none read */
	enum sysmmu_fault_kind kind;
	bool write;
	unsigned int vid;
};

/* v1-v3: eight status bits, each with its own address register. */
static const struct ft_decode_case ft_v1_cases[] = {
	{ "bit 0 page fault, 0x24", 0, 0x24, SYSMMU_FAULT_PAGE, false },
	{ "bit 1 AR multi-hit, 0x2c", 1, 0x2c, SYSMMU_FAULT_MULTI_HIT, false },
	{ "bit 2 AW multi-hit, 0x28", 2, 0x28, SYSMMU_FAULT_MULTI_HIT, true },
	{ "bit 3 bus error, 0x30", 3, 0x30, SYSMMU_FAULT_BUS, false },
	{ "bit 4 AR security, 0x2c", 4, 0x2c, SYSMMU_FAULT_SECURITY, false },
	{ "bit 5 AR access, 0x2c", 5, 0x2c, SYSMMU_FAULT_ACCESS, false },
	{ "bit 6 AW security, 0x28", 6, 0x28, SYSMMU_FAULT_SECURITY, true },
	{ "bit 7 AW access, 0x28", 7, 0x28, SYSMMU_FAULT_ACCESS, true },
};

KUNIT_ARRAY_PARAM_DESC(ft_v1, ft_v1_cases, desc);

/* v5: read faults in bits 0-4 (VA 0x70), write faults in 16-20 (VA 0x80). */
static const struct ft_decode_case ft_v5_cases[] = {
	{ "bit 0 AR PTW", 0, 0x70, SYSMMU_FAULT_PTW, false },
	{ "bit 1 AR page", 1, 0x70, SYSMMU_FAULT_PAGE, false },
	{ "bit 2 AR multi-hit", 2, 0x70, SYSMMU_FAULT_MULTI_HIT, false },
	{ "bit 3 AR access", 3, 0x70, SYSMMU_FAULT_ACCESS, false },
	{ "bit 4 AR security", 4, 0x70, SYSMMU_FAULT_SECURITY, false },
	{ "bit 16 AW PTW", 16, 0x80, SYSMMU_FAULT_PTW, true },
	{ "bit 17 AW page", 17, 0x80, SYSMMU_FAULT_PAGE, true },
	{ "bit 18 AW multi-hit", 18, 0x80, SYSMMU_FAULT_MULTI_HIT, true },
	{ "bit 19 AW access", 19, 0x80, SYSMMU_FAULT_ACCESS, true },
	{ "bit 20 AW security", 20, 0x80, SYSMMU_FAULT_SECURITY, true },
};

KUNIT_ARRAY_PARAM_DESC(ft_v5, ft_v5_cases, desc);

/* v7 without VM: type = bit % 4, FAULT_VA 0x70; one VM only. */
static const struct ft_decode_case ft_v7_cases[] = {
	{ "bit 0 PTW", 0, 0x70, SYSMMU_FAULT_PTW },
	{ "bit 1 page", 1, 0x70, SYSMMU_FAULT_PAGE },
	{ "bit 2 access", 2, 0x70, SYSMMU_FAULT_ACCESS },
	{ "bit 3 reserved", 3, 0x70, SYSMMU_FAULT_UNKNOWN },
	{ "bit 5 page, still VM 0", 5, 0x70, SYSMMU_FAULT_PAGE },
};

KUNIT_ARRAY_PARAM_DESC(ft_v7, ft_v7_cases, desc);

/* v7 with VM: VID = bit / 4, fault registers at 0x1000 + VID * 0x10. */
static const struct ft_decode_case ft_v7_vm_cases[] = {
	{ "bit 0 VM 0 PTW", 0, 0x1000, SYSMMU_FAULT_PTW, false, 0 },
	{ "bit 1 VM 0 page", 1, 0x1000, SYSMMU_FAULT_PAGE, false, 0 },
	{ "bit 2 VM 0 access", 2, 0x1000, SYSMMU_FAULT_ACCESS, false, 0 },
	{ "bit 3 VM 0 reserved", 3, 0x1000, SYSMMU_FAULT_UNKNOWN, false, 0 },
	{ "bit 5 VM 1 page", 5, 0x1010, SYSMMU_FAULT_PAGE, false, 1 },
	{ "bit 10 VM 2 access", 10, 0x1020, SYSMMU_FAULT_ACCESS, false, 2 },
	{ "bit 12 VM 3 PTW", 12, 0x1030, SYSMMU_FAULT_PTW, false, 3 },
	{ "bit 17 VM 4 page", 17, 0x1040, SYSMMU_FAULT_PAGE, false, 4 },
	{ "bit 22 VM 5 access", 22, 0x1050, SYSMMU_FAULT_ACCESS, false, 5 },
	{ "bit 24 VM 6 PTW", 24, 0x1060, SYSMMU_FAULT_PTW, false, 6 },
	{ "bit 29 VM 7 page", 29, 0x1070, SYSMMU_FAULT_PAGE, false, 7 },
	{ "bit 31 VM 7 reserved", 31, 0x1070, SYSMMU_FAULT_UNKNOWN, false, 7 },
};

KUNIT_ARRAY_PARAM_DESC(ft_v7_vm, ft_v7_vm_cases, desc);

static void ft_expect_decode(struct kunit *test, const struct ft_family *f,
			     unsigned int n, const struct ft_decode_case *c)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member_n(test, f, n, &model);
	struct sysmmu_fault fault;

	sysmmu_test_model_set(model, f->int_status, BIT(c->bit));
	sysmmu_test_model_clear_log(model);
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ_MSG(test, fault.status_bit, c->bit, "%s", f->desc);
	KUNIT_EXPECT_EQ_MSG(test, fault.kind, c->kind, "%s", f->desc);
	KUNIT_EXPECT_EQ_MSG(test, fault.write, c->write, "%s", f->desc);
	KUNIT_EXPECT_EQ_MSG(test, fault.vid, c->vid, "%s", f->desc);
	if (c->kind != SYSMMU_FAULT_UNKNOWN)
		KUNIT_EXPECT_EQ_MSG(test, fault.iova, FT_DECOY(c->addr_reg),
				    "%s: address register", f->desc);
	/* Decoding only reads. */
	KUNIT_EXPECT_EQ(test, model->nr_writes, 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status),
			BIT(c->bit));
}

static void ft_test_v1_decode(struct kunit *test)
{
	const struct ft_decode_case *c = test->param_value;

	/* v1-v3 decode the same way. */
	ft_expect_decode(test, &ft_v3_1, 0, c);
	ft_expect_decode(test, &ft_v3_2, 1, c);
	ft_expect_decode(test, &ft_v3_3, 2, c);
}

static void ft_test_v5_decode(struct kunit *test)
{
	ft_expect_decode(test, &ft_v5, 0, test->param_value);
}

static void ft_test_v7_decode(struct kunit *test)
{
	const struct ft_decode_case *c = test->param_value;
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v7, &model);
	struct sysmmu_fault fault;

	ft_expect_decode(test, &ft_v7, 1, c);

	/* FAULT_INFO 0x78 bit 20 makes it a write. */
	sysmmu_test_model_set(model, 0x78, FT_INFO_WRITE);
	sysmmu_test_model_set(model, 0x60, BIT(c->bit));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_TRUE(test, fault.write);
	KUNIT_EXPECT_EQ(test, fault.vid, 0);
	if (c->kind != SYSMMU_FAULT_UNKNOWN)
		KUNIT_EXPECT_EQ(test, fault.iova, FT_DECOY(0x70));
	/* Other FAULT_INFO bits do not. */
	sysmmu_test_model_set(model, 0x78, ~FT_INFO_WRITE);
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_FALSE(test, fault.write);
}

static void ft_test_v7_vm_decode(struct kunit *test)
{
	const struct ft_decode_case *c = test->param_value;
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v7_vm, &model);
	struct sysmmu_fault fault;

	ft_expect_decode(test, &ft_v7_vm, 1, c);

	/* The direction comes from the same VM's FAULT_INFO. */
	sysmmu_test_model_set(model, c->addr_reg + 4, FT_INFO_WRITE);
	sysmmu_test_model_set(model, 0x60, BIT(c->bit));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_TRUE(test, fault.write);
	KUNIT_EXPECT_EQ(test, fault.vid, c->vid);
}

/* Bits outside the eight of v1-v3 are unknown, yet returned to be cleared. */
static void ft_test_v1_unknown_bits(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v3_3, &model);
	struct sysmmu_fault fault;
	unsigned int bit;

	for (bit = 8; bit < 32; bit++) {
		sysmmu_test_model_set(model, 0x18, BIT(bit));
		KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
		KUNIT_EXPECT_EQ_MSG(test, fault.kind, SYSMMU_FAULT_UNKNOWN,
				    "bit %u", bit);
		KUNIT_EXPECT_EQ_MSG(test, fault.status_bit, bit, "bit %u", bit);
		KUNIT_EXPECT_EQ_MSG(test, fault.iova, 0, "bit %u", bit);
		KUNIT_EXPECT_FALSE_MSG(test, fault.write, "bit %u", bit);
	}
}

/* v5 bits 5-15 and 21-31 are unknown. */
static void ft_test_v5_unknown_bits(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v5, &model);
	struct sysmmu_fault fault;
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		if (bit <= 4 || (bit >= 16 && bit <= 20))
			continue;
		sysmmu_test_model_set(model, 0x60, BIT(bit));
		KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
		KUNIT_EXPECT_EQ_MSG(test, fault.kind, SYSMMU_FAULT_UNKNOWN,
				    "bit %u", bit);
		KUNIT_EXPECT_EQ_MSG(test, fault.status_bit, bit, "bit %u", bit);
		KUNIT_EXPECT_EQ_MSG(test, fault.iova, 0, "bit %u", bit);
	}
}

/* Several bits pending: the lowest is decoded (and later cleared) first. */
static void ft_test_lowest_bit_first(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member;
	struct sysmmu_fault fault;

	member = ft_member(test, &ft_v3_1, &model);
	sysmmu_test_model_set(model, 0x18, BIT(6) | BIT(3));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, 3);
	KUNIT_EXPECT_EQ(test, fault.kind, SYSMMU_FAULT_BUS);
	KUNIT_EXPECT_EQ(test, fault.iova, FT_DECOY(0x30));

	ft_clear_fault(member, &fault);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, 0x18), BIT(6));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, 6);
	KUNIT_EXPECT_EQ(test, fault.iova, FT_DECOY(0x28));
	KUNIT_EXPECT_TRUE(test, fault.write);
}

static void ft_test_v5_lowest_bit_first(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v5, &model);
	struct sysmmu_fault fault;

	sysmmu_test_model_set(model, 0x60, BIT(20) | BIT(17) | BIT(4));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, 4);
	KUNIT_EXPECT_FALSE(test, fault.write);
	ft_clear_fault(member, &fault);
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, fault.status_bit, 17);
	KUNIT_EXPECT_EQ(test, fault.kind, SYSMMU_FAULT_PAGE);
	KUNIT_EXPECT_TRUE(test, fault.write);
	KUNIT_EXPECT_EQ(test, fault.iova, FT_DECOY(0x80));
}

/* Nothing pending: false, one status read, nothing written. */
static void ft_test_read_nothing_pending(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct sysmmu_fault fault;

	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_FALSE(test, ft_read_fault(member, &fault));
	KUNIT_EXPECT_EQ(test, model->nr_reads, 1);
	KUNIT_EXPECT_EQ(test, model->nr_writes, 0);
}

/* Clear. */

/* BIT(status_bit) to INT_CLEAR, then on v1-v3 CTRL back to "enabled". */
static void ft_test_clear(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct sysmmu_fault fault;

	ft_raise(f, model, true, 0x12345000);
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	sysmmu_test_model_clear_log(model);
	ft_clear_fault(member, &fault);

	KUNIT_ASSERT_GE(test, model->nr_log, 1);
	KUNIT_EXPECT_EQ(test, model->log[0].off, f->int_clear);
	KUNIT_EXPECT_EQ(test, model->log[0].val, BIT(f->write_bit));
	if (f->unblocks) {
		KUNIT_ASSERT_EQ(test, model->nr_writes, 2);
		KUNIT_EXPECT_EQ(test, model->log[1].off, FT_CTRL);
		KUNIT_EXPECT_EQ(test, model->log[1].val, FT_CTRL_ENABLE);
	} else {
		KUNIT_EXPECT_EQ(test, model->nr_writes, 1);
	}
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
}

/* A v1-v3 instance that is not translating is not switched on by a clear. */
static void ft_test_clear_disabled(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v3_2, &model);
	struct sysmmu_fault fault;

	member->enabled = false;
	sysmmu_test_model_set(model, 0x18, BIT(0));
	KUNIT_ASSERT_TRUE(test, ft_read_fault(member, &fault));
	sysmmu_test_model_clear_log(model);
	ft_clear_fault(member, &fault);
	KUNIT_EXPECT_EQ(test, model->nr_writes, 1);
	KUNIT_EXPECT_EQ(test, model->log[0].off, 0x1c);
	KUNIT_EXPECT_EQ(test, model->log[0].val, BIT(0));
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model, FT_CTRL), 0);
}

/* Report through sysmmu_fault_handle(). */

/* A read fault reaches the handler with its IOVA, direction and device. */
static void ft_test_handle_read(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = 0 };
	struct iommu_domain *domain = ft_domain(test, member, &r);

	ft_raise(f, model, false, 0x0badf000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, r.domain, domain);
	KUNIT_EXPECT_PTR_EQ(test, r.dev, member->dev);
	KUNIT_EXPECT_EQ(test, r.iova, 0x0badf000);
	KUNIT_EXPECT_EQ(test, r.flags, IOMMU_FAULT_READ);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
	KUNIT_EXPECT_EQ(test, member->fault_count, 1);
}

static void ft_test_handle_write(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = 0 };

	ft_domain(test, member, &r);
	ft_raise(f, model, true, 0x7654e000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_EQ(test, r.iova, 0x7654e000);
	KUNIT_EXPECT_EQ(test, r.flags, IOMMU_FAULT_WRITE);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
}

/* Handled: cleared, traffic resumes, nothing logged. */
static void ft_test_handle_handled(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = 0 };

	ft_domain(test, member, &r);
	ft_raise(f, model, false, 0x1000);
	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model, f->int_clear),
			1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
	/* Nothing was logged: the rate limit was never consulted. */
	KUNIT_EXPECT_EQ(test, member->fault_rs.begin, 0);
	KUNIT_EXPECT_EQ(test, ratelimit_state_get_miss(&member->fault_rs), 0);
}

/*
 * Unhandled (the handler returns an error): logged once, and the instance
 * recovers: status cleared and, on v1-v3, unblocked as the last write.
 * No panic.
 */
static void ft_test_handle_unhandled(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = -EFAULT };

	ft_domain(test, member, &r);
	ft_raise(f, model, true, 0x2000);
	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model, f->int_clear),
			1);
	KUNIT_ASSERT_GE(test, model->nr_log, 1);
	if (f->unblocks) {
		KUNIT_EXPECT_EQ(test, model->log[model->nr_log - 1].off,
				FT_CTRL);
		KUNIT_EXPECT_EQ(test, model->log[model->nr_log - 1].val,
				FT_CTRL_ENABLE);
	}
	KUNIT_EXPECT_EQ(test, ft_printed(member, 1), 1);
	KUNIT_EXPECT_EQ(test, member->fault_count, 1);

	/* And the next fault is handled the same way. */
	ft_raise(f, model, false, 0x3000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 2);
	KUNIT_EXPECT_EQ(test, r.iova, 0x3000);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
}

/* The master behind the aggregate is the device reported, if known. */
static void ft_test_handle_master(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v7_vm, &model);
	struct ft_report r = { .ret = 0 };
	struct sysmmu_aggregate *agg;

	agg = kunit_kzalloc(test, sizeof(*agg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	agg->master = kunit_device_register(test, "exynos-sysmmu-test-master");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, agg->master);
	member->agg = agg;
	ft_domain(test, member, &r);
	ft_raise(&ft_v7_vm, model, false, 0x4000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, r.dev, agg->master);
}

/* No domain attached: logged, cleared, no crash. */
static void ft_test_handle_no_domain(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);

	ft_raise(f, model, false, 0x5000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, f->int_status), 0);
	KUNIT_EXPECT_EQ(test, ft_printed(member, 1), 1);
	if (f->unblocks)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, FT_CTRL),
				FT_CTRL_ENABLE);
}

/* A domain without a handler: report_iommu_fault() fails. */
static void ft_test_handle_no_handler(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v5, &model);

	ft_domain(test, member, NULL);
	ft_raise(&ft_v5, model, true, 0x6000);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, 0x60), 0);
	KUNIT_EXPECT_EQ(test, ft_printed(member, 1), 1);
}

/* An unknown status bit is not reported, but cleared and logged. */
static void ft_test_handle_unknown_bit(struct kunit *test)
{
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, &ft_v3_1, &model);
	struct ft_report r = { .ret = 0 };

	ft_domain(test, member, &r);
	sysmmu_test_model_set(model, 0x18, BIT(9));
	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_TRUE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, r.calls, 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model, 0x18), 0);
	KUNIT_ASSERT_GE(test, model->nr_log, 1);
	KUNIT_EXPECT_EQ(test, model->log[0].off, 0x1c);
	KUNIT_EXPECT_EQ(test, model->log[0].val, BIT(9));
	KUNIT_EXPECT_EQ(test, ft_printed(member, 1), 1);
}

/* A powered-off instance is not touched at all, whatever is pending. */
static void ft_test_handle_powered_off(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = 0 };

	ft_domain(test, member, &r);
	member->powered = false;
	ft_raise(f, model, false, 0x7000);
	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_FALSE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, model->nr_reads, 0);
	KUNIT_EXPECT_EQ(test, model->nr_writes, 0);
	KUNIT_EXPECT_EQ(test, r.calls, 0);
	KUNIT_EXPECT_EQ(test, member->fault_count, 0);
}

/* Nothing pending (a shared interrupt): false, no report, no write. */
static void ft_test_handle_nothing_pending(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = 0 };

	ft_domain(test, member, &r);
	sysmmu_test_model_clear_log(model);
	KUNIT_EXPECT_FALSE(test, sysmmu_fault_handle(member));
	KUNIT_EXPECT_EQ(test, model->nr_writes, 0);
	KUNIT_EXPECT_EQ(test, r.calls, 0);
	KUNIT_EXPECT_EQ(test, member->fault_count, 0);
}

/*
 * 10,000 unhandled faults: every one reported and cleared, but at most the
 * rate limit's burst printed per interval.
 */
static void ft_test_handle_storm(struct kunit *test)
{
	const struct ft_family *f = ft_param(test);
	struct sysmmu_test_model *model;
	struct sysmmu_member *member = ft_member(test, f, &model);
	struct ft_report r = { .ret = -EOPNOTSUPP };
	unsigned int i, handled = 0, cleared = 0;
	unsigned long start = jiffies, intervals;
	int printed;

	ft_domain(test, member, &r);
	for (i = 0; i < FT_STORM; i++) {
		ft_raise(f, model, i & 1, 0x100000 + i * 0x1000);
		sysmmu_test_model_clear_log(model);
		handled += sysmmu_fault_handle(member);
		cleared += sysmmu_test_model_writes_to(model, f->int_clear) == 1 &&
			   !sysmmu_test_model_get(model, f->int_status);
	}
	intervals = (jiffies - start) / DEFAULT_RATELIMIT_INTERVAL + 1;

	KUNIT_EXPECT_EQ(test, handled, FT_STORM);
	KUNIT_EXPECT_EQ(test, cleared, FT_STORM);
	KUNIT_EXPECT_EQ(test, r.calls, FT_STORM);
	KUNIT_EXPECT_EQ(test, member->fault_count, FT_STORM);
	KUNIT_EXPECT_EQ(test, r.iova, 0x100000 + (FT_STORM - 1) * 0x1000);
	printed = ft_printed(member, FT_STORM);
	kunit_info(test, "%d of %d faults printed over %lu interval(s)\n",
		   printed, FT_STORM, intervals);
	KUNIT_EXPECT_GE(test, printed, 1);
	KUNIT_EXPECT_LE(test, printed,
			(int)(DEFAULT_RATELIMIT_BURST * intervals));
}

/* Names in the log. */
static void ft_test_fault_names(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_PTW), "PTW");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_PAGE), "PAGE");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_MULTI_HIT),
			   "MULTI-HIT");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_ACCESS),
			   "ACCESS PROTECTION");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_SECURITY),
			   "SECURITY PROTECTION");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_BUS),
			   "BUS ERROR");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_UNKNOWN),
			   "UNKNOWN");
	KUNIT_EXPECT_STREQ(test, sysmmu_fault_name(SYSMMU_FAULT_UNKNOWN + 1),
			   "UNKNOWN");
}

static struct kunit_case ft_test_cases[] = {
	KUNIT_CASE_PARAM(ft_test_v1_decode, ft_v1_gen_params),
	KUNIT_CASE(ft_test_v1_unknown_bits),
	KUNIT_CASE_PARAM(ft_test_v5_decode, ft_v5_gen_params),
	KUNIT_CASE(ft_test_v5_unknown_bits),
	KUNIT_CASE_PARAM(ft_test_v7_decode, ft_v7_gen_params),
	KUNIT_CASE_PARAM(ft_test_v7_vm_decode, ft_v7_vm_gen_params),
	KUNIT_CASE(ft_test_lowest_bit_first),
	KUNIT_CASE(ft_test_v5_lowest_bit_first),
	KUNIT_CASE_PARAM(ft_test_read_nothing_pending, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_clear, ft_family_gen_params),
	KUNIT_CASE(ft_test_clear_disabled),
	KUNIT_CASE_PARAM(ft_test_handle_read, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_handle_write, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_handle_handled, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_handle_unhandled, ft_family_gen_params),
	KUNIT_CASE(ft_test_handle_master),
	KUNIT_CASE_PARAM(ft_test_handle_no_domain, ft_family_gen_params),
	KUNIT_CASE(ft_test_handle_no_handler),
	KUNIT_CASE(ft_test_handle_unknown_bit),
	KUNIT_CASE_PARAM(ft_test_handle_powered_off, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_handle_nothing_pending, ft_family_gen_params),
	KUNIT_CASE_PARAM(ft_test_handle_storm, ft_family_gen_params),
	KUNIT_CASE(ft_test_fault_names),
	{}
};

static struct kunit_suite ft_test_suite = {
	.name = "exynos-sysmmu-fault",
	.test_cases = ft_test_cases,
};

kunit_test_suite(ft_test_suite);
