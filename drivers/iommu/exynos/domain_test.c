// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-domain": domains attached to an aggregate of
 * System MMU instances, through the IOMMU core's API and the DMA API of a
 * bound master. Every case runs for each family: three Exynos850-like
 * instances of v5, v7 and v7 with VMs, a gs101 DPU-like group of three
 * "v8" instances and a zuma DPU-like group of two v9 instances.
 *
 * An overlay creates the group, its instances and a master; register models
 * stand in for the instances and record every register write, which is what
 * the cases check: which table each instance is pointed at, and how many
 * invalidations each one receives.
 */

#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#include "test_model.h"
#include "test_overlay.h"

#define DOM_NR			3	/* the most members of any group */
#define DOM_GROUP		"/sysmmu-test-domain-group"
#define DOM_MASTER		"/sysmmu-test-domain-master"
#define DOM_GS101		"/sysmmu-test-domain-gs101"
#define DOM_ZUMA		"/sysmmu-test-domain-zuma"
#define DOM_SINGLE_MASTER	"/sysmmu-test-domain-master-single"
#define DOM_SINGLE_BASE		0x1d100000
#define DOM_PT_BASE_SHIFT	12

static int dom_overlay_group(struct kunit *test)
{
	return sysmmu_test_overlay(test, domain_test_group);
}

static int dom_overlay_gs101(struct kunit *test)
{
	return sysmmu_test_overlay(test, domain_test_gs101);
}

static int dom_overlay_zuma(struct kunit *test)
{
	return sysmmu_test_overlay(test, domain_test_zuma);
}

/**
 * struct dom_family - a hardware family as the suite expects to see it
 * @name: parameter description
 * @overlay: applies the devicetree of the family's group and master
 * @nr: number of members of the group
 * @base: the members' register addresses
 * @path: the members' node paths
 * @group: the group's node path
 * @master: the master's node path
 * @version: VERSION register value
 * @capa0: CAPA0 register value
 * @capa1: CAPA1 register value
 * @swalker_info: v9 SWALKER_INFO value (0: not v9)
 * @pmmu_info: v9 PMMU_INFO value of every PMMU
 * @pt_base: page-table base register (written with the table >> 12)
 * @flush_all: full invalidation register
 * @flush_range: register whose write starts a range invalidation
 * @flush_start: range start register
 * @flush_end: range end register
 * @range_writes: register writes of one range invalidation
 * @vpn: range registers take address >> 4, the end ORed with 1 (v9)
 * @ctrl: register that enables translation
 * @ctrl_on: its value while translating
 * @ctrl_vm: per-VM control register, 0 if none
 * @resume_first: register written first on resume (CTRL: with BLOCK)
 */
struct dom_family {
	const char *name;
	int (*overlay)(struct kunit *test);
	unsigned int nr;
	phys_addr_t base[DOM_NR];
	const char *path[DOM_NR];
	const char *group;
	const char *master;
	u32 version;
	u32 capa0;
	u32 capa1;
	u32 swalker_info;
	u32 pmmu_info;
	u32 pt_base;
	u32 flush_all;
	u32 flush_range;
	u32 flush_start;
	u32 flush_end;
	unsigned int range_writes;
	bool vpn;
	u32 ctrl;
	u32 ctrl_on;
	u32 ctrl_vm;
	u32 resume_first;
};

/* Three Exynos850-compatible instances, any family of versions 1 to 7. */
#define DOM_EXYNOS850_GROUP \
	.overlay = dom_overlay_group, .nr = 3, \
	.base = { 0x1d000000, 0x1d010000, 0x1d020000 }, \
	.path = { DOM_GROUP "/iommu@1d000000", DOM_GROUP "/iommu@1d010000", \
		  DOM_GROUP "/iommu@1d020000" }, \
	.group = DOM_GROUP, .master = DOM_MASTER, \
	.range_writes = 3, .ctrl = 0x000, .ctrl_on = 0x5, .resume_first = 0x000

/* Offsets from the hardware documentation, not from the driver's tables. */
static const struct dom_family dom_families[] = {
	{
		.name = "v5",
		DOM_EXYNOS850_GROUP,
		.version = SYSMMU_TEST_VERSION(5, 0),
		.pt_base = 0x0c, .flush_all = 0x10, .flush_range = 0x18,
		.flush_start = 0x20, .flush_end = 0x24,
	}, {
		.name = "v7",
		DOM_EXYNOS850_GROUP,
		.version = SYSMMU_TEST_VERSION(7, 4),
		.pt_base = 0x0c, .flush_all = 0x10, .flush_range = 0x18,
		.flush_start = 0x20, .flush_end = 0x24,
	}, {
		.name = "v7-vm",
		DOM_EXYNOS850_GROUP,
		.version = SYSMMU_TEST_VERSION(7, 4),
		.capa0 = BIT(11), .capa1 = BIT(14),
		.pt_base = 0x800c, .flush_all = 0x8010, .flush_range = 0x8018,
		.flush_start = 0x8020, .flush_end = 0x8024, .ctrl_vm = 0x8000,
	}, {
		/* gs101 DPU: v7 VM layout, downstream VERSION decode (8.1). */
		.name = "v8 gs101",
		.overlay = dom_overlay_gs101, .nr = 3,
		.base = { 0x1d200000, 0x1d210000, 0x1d220000 },
		.path = { DOM_GS101 "/iommu@1d200000",
			  DOM_GS101 "/iommu@1d210000",
			  DOM_GS101 "/iommu@1d220000" },
		.group = DOM_GS101,
		.master = "/sysmmu-test-domain-master-gs101",
		.version = 0x80240000, .capa0 = BIT(11), .capa1 = BIT(14),
		.pt_base = 0x800c, .flush_all = 0x8010, .flush_range = 0x8018,
		.flush_start = 0x8020, .flush_end = 0x8024, .range_writes = 3,
		.ctrl = 0x000, .ctrl_on = 0x5, .ctrl_vm = 0x8000,
		.resume_first = 0x000,
	}, {
		/*
		 * zuma DPU: v9 9.0, two PMMUs of 64 stream entries and 36-bit
		 * VA; VM 0's block; the END write triggers the range.
		 */
		.name = "v9 zuma",
		.overlay = dom_overlay_zuma, .nr = 2,
		.base = { 0x1d300000, 0x1d310000 },
		.path = { DOM_ZUMA "/iommu@1d300000", DOM_ZUMA "/iommu@1d310000" },
		.group = DOM_ZUMA,
		.master = "/sysmmu-test-domain-master-zuma",
		.version = 0x90000000, .swalker_info = 2,
		.pmmu_info = 0x00400001,
		.pt_base = 0x8404, .flush_all = 0x8010, .flush_range = 0x8024,
		.flush_start = 0x8020, .flush_end = 0x8024, .range_writes = 2,
		.vpn = true, .ctrl = 0x8000, .ctrl_on = 0xd, .ctrl_vm = 0x8000,
		.resume_first = 0x2ffc,
	},
};

static void dom_family_desc(const struct dom_family *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dom_family, dom_families, dom_family_desc);

struct dom_test {
	const struct dom_family *fam;
	struct sysmmu_test_model *model[DOM_NR];
	struct sysmmu_member *member[DOM_NR];
	struct device *master;
	struct sysmmu_aggregate *agg;
	struct sysmmu_member *fail;
	unsigned int attach_calls;
};

static struct dom_test *dom_ctx(struct kunit *test)
{
	return test->priv;
}

static int dom_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct dom_test), GFP_KERNEL);
	if (!test->priv)
		return -ENOMEM;
	sysmmu_test_drivers_register(test);
	return 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(dom_rpm_put, pm_runtime_put_sync, struct device *);

/* Runtime PM of the master, which its device links pass on to every member. */
static void dom_power(struct kunit *test, bool on)
{
	struct dom_test *t = dom_ctx(test);
	unsigned int i;

	if (on) {
		KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->master), 0);
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test, dom_rpm_put,
							  t->master));
	} else {
		kunit_release_action(test, dom_rpm_put, t->master);
	}
	for (i = 0; i < t->fam->nr; i++)
		sysmmu_test_wait_powered(test, t->member[i], on);
}

static void dom_clear_logs(struct dom_test *t)
{
	unsigned int i;

	for (i = 0; i < t->fam->nr; i++)
		sysmmu_test_model_clear_log(t->model[i]);
}

/* The group up with the family under test, its master bound and running. */
static void dom_setup(struct kunit *test)
{
	struct dom_test *t = dom_ctx(test);
	unsigned int i;

	t->fam = test->param_value ?: &dom_families[0];
	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m;

		m = sysmmu_test_model_add(test, t->fam->base[i],
					  t->fam->version, t->fam->capa0,
					  t->fam->capa1);
		if (t->fam->swalker_info)
			sysmmu_test_model_v9_pmmus(m, t->fam->swalker_info,
						   t->fam->pmmu_info);
		t->model[i] = m;
	}
	t->fam->overlay(test);
	sysmmu_test_settle();

	t->agg = sysmmu_test_group_agg(sysmmu_test_find_dev(test,
							    t->fam->group));
	KUNIT_ASSERT_NOT_NULL(test, t->agg);
	KUNIT_ASSERT_TRUE(test, READ_ONCE(t->agg->ready));
	KUNIT_ASSERT_EQ(test, t->agg->nr_members, t->fam->nr);
	for (i = 0; i < t->fam->nr; i++) {
		struct device *dev = sysmmu_test_find_dev(test,
							  t->fam->path[i]);

		t->member[i] = sysmmu_test_member(dev);
		KUNIT_ASSERT_NOT_NULL(test, t->member[i]);
	}
	t->master = sysmmu_test_find_dev(test, t->fam->master);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(t->master));
	dom_power(test, true);
}

static u32 dom_table_reg(struct iommu_domain *domain)
{
	return exynos_pt_base(to_sysmmu_domain(domain)->pt) >> DOM_PT_BASE_SHIFT;
}

/* What the range registers hold for the 4 KiB page at @addr. */
static u32 dom_range_start(const struct dom_family *f, u64 addr)
{
	return f->vpn ? addr >> 4 : addr;
}

static u32 dom_range_end(const struct dom_family *f, u64 addr)
{
	return f->vpn ? (addr >> 4) | 1 : addr;
}

/* The last value written to @off, or ~0 if nothing was. */
static u32 dom_last_write(struct sysmmu_test_model *m, u32 off)
{
	unsigned long flags;
	u32 val = ~0u;
	unsigned int i;

	spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < m->nr_log; i++)
		if (m->log[i].off == off)
			val = m->log[i].val;
	spin_unlock_irqrestore(&m->lock, flags);
	return val;
}

/* Every member translates with @domain's table, and the registers say so. */
static void dom_expect_table(struct kunit *test, struct iommu_domain *domain)
{
	struct dom_test *t = dom_ctx(test);
	u32 want = dom_table_reg(domain);
	unsigned int i;

	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m = t->model[i];

		KUNIT_EXPECT_EQ_MSG(test, t->member[i]->pt_base,
				    exynos_pt_base(to_sysmmu_domain(domain)->pt),
				    "member %u", i);
		KUNIT_EXPECT_EQ_MSG(test, sysmmu_test_model_get(m, t->fam->pt_base),
				    want, "member %u", i);
		KUNIT_EXPECT_EQ_MSG(test, sysmmu_test_model_get(m, t->fam->ctrl),
				    t->fam->ctrl_on, "member %u", i);
		if (t->fam->ctrl_vm)
			KUNIT_EXPECT_TRUE(test, sysmmu_test_model_get(m, t->fam->ctrl_vm) &
					  SYSMMU_CTRL_VM_ENABLE);
	}
}

static struct iommu_domain *dom_attach_new(struct kunit *test)
{
	struct dom_test *t = dom_ctx(test);
	struct iommu_domain *domain = sysmmu_test_domain_alloc(test, t->master);

	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);
	return domain;
}

/* A physically contiguous buffer for the test to map. */
static phys_addr_t dom_buffer(struct kunit *test, size_t size)
{
	void *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return virt_to_phys(buf);
}

/* The master's default DMA domain reaches every member when they run. */
static void dom_default_domain(struct kunit *test)
{
	struct dom_test *t;
	struct iommu_domain *domain;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	domain = iommu_get_domain_for_dev(t->master);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_EQ(test, domain->type, IOMMU_DOMAIN_DMA);
	KUNIT_EXPECT_PTR_EQ(test, t->agg->domain, domain);
	dom_expect_table(test, domain);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_PTR_EQ(test, t->member[i]->domain, domain);
}

/* Attaching a domain writes its table to every member, exactly once. */
static void dom_attach_fans_out(struct kunit *test)
{
	struct iommu_domain *def, *domain;
	struct dom_test *t;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	def = iommu_get_domain_for_dev(t->master);
	domain = sysmmu_test_domain_alloc(test, t->master);
	dom_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);

	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), domain);
	KUNIT_EXPECT_PTR_EQ(test, t->agg->domain, domain);
	dom_expect_table(test, domain);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[i],
								  t->fam->pt_base),
				1);

	/* Detaching returns every member to the default domain. */
	dom_clear_logs(t);
	iommu_detach_device(domain, t->master);
	KUNIT_EXPECT_PTR_EQ(test, t->agg->domain, def);
	dom_expect_table(test, def);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[i],
								  t->fam->pt_base),
				1);
}

/*
 * After switching domains back and forth, invalidations reach the members
 * for the attached domain only, once each.
 */
static void dom_switch_invalidates_attached(struct kunit *test)
{
	const unsigned long iova = 0x60000000;
	struct iommu_domain *def, *domain;
	struct dom_test *t;
	dma_addr_t dma;
	unsigned int i;
	void *buf;

	dom_setup(test);
	t = dom_ctx(test);
	def = iommu_get_domain_for_dev(t->master);
	domain = sysmmu_test_domain_alloc(test, t->master);
	for (i = 0; i < 2; i++) {
		KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);
		iommu_detach_device(domain, t->master);
	}
	KUNIT_ASSERT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), def);

	buf = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	dma = dma_map_single(t->master, buf, SZ_4K, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, dma));
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova, virt_to_phys(buf), SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);

	dom_clear_logs(t);
	KUNIT_EXPECT_EQ(test, iommu_unmap(domain, iova, SZ_4K), SZ_4K);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_writes, 0);
	dma_unmap_single(t->master, dma, SZ_4K, DMA_TO_DEVICE);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[i],
								  t->fam->flush_range),
				1);
}

/* Fails for the chosen member, runs the real function for the others. */
static int dom_fake_member_attach(struct sysmmu_member *member,
				  phys_addr_t pt_base,
				  struct iommu_domain *domain)
{
	struct kunit *test = kunit_get_current_test();
	struct dom_test *t = dom_ctx(test);
	int ret;

	t->attach_calls++;
	if (member == t->fail)
		return -EIO;
	kunit_deactivate_static_stub(test, sysmmu_member_attach);
	ret = sysmmu_member_attach(member, pt_base, domain);
	kunit_activate_static_stub(test, sysmmu_member_attach,
				   dom_fake_member_attach);
	return ret;
}

/*
 * When one member cannot be attached, the attach fails as a whole: the
 * members already switched are pointed back at the previous table and
 * nothing else changes.
 */
static void dom_attach_rollback(struct kunit *test)
{
	struct iommu_domain *def, *domain;
	struct sysmmu_test_model *model[DOM_NR];
	struct dom_test *t;
	unsigned int i, k;
	u32 old, new;

	dom_setup(test);
	t = dom_ctx(test);
	def = iommu_get_domain_for_dev(t->master);
	domain = sysmmu_test_domain_alloc(test, t->master);
	old = dom_table_reg(def);
	new = dom_table_reg(domain);

	/* Models in the aggregate's member order; the last one fails. */
	for (k = 0; k < t->fam->nr; k++) {
		model[k] = NULL;
		for (i = 0; i < t->fam->nr; i++)
			if (t->agg->members[k] == t->member[i])
				model[k] = t->model[i];
		KUNIT_ASSERT_NOT_NULL(test, model[k]);
	}
	t->fail = t->agg->members[t->fam->nr - 1];

	dom_clear_logs(t);
	kunit_activate_static_stub(test, sysmmu_member_attach,
				   dom_fake_member_attach);
	KUNIT_EXPECT_EQ(test, iommu_attach_device(domain, t->master), -EIO);
	kunit_deactivate_static_stub(test, sysmmu_member_attach);

	KUNIT_EXPECT_EQ(test, t->attach_calls, t->fam->nr);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), def);
	KUNIT_EXPECT_PTR_EQ(test, t->agg->domain, def);
	dom_expect_table(test, def);
	for (k = 0; k < t->fam->nr - 1; k++) {
		/* Switched, then switched back. */
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model[k],
								  t->fam->pt_base),
				2);
		KUNIT_EXPECT_EQ(test, dom_last_write(model[k], t->fam->pt_base),
				old);
		KUNIT_EXPECT_NE(test, old, new);
	}
	KUNIT_EXPECT_EQ(test, model[t->fam->nr - 1]->nr_writes, 0);

	/* Nothing is left half-done: the next attach works. */
	KUNIT_EXPECT_EQ(test, iommu_attach_device(domain, t->master), 0);
	dom_expect_table(test, domain);
}

/* iommu_map()/iommu_unmap() on an unmanaged domain. */
static void dom_map_unmap(struct kunit *test)
{
	const unsigned long iova = 0x10000000;
	struct iommu_domain *domain;
	phys_addr_t pa;
	size_t off;

	dom_setup(test);
	domain = dom_attach_new(test);
	pa = dom_buffer(test, SZ_64K);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova, pa, SZ_64K,
					IOMMU_READ | IOMMU_WRITE, GFP_KERNEL),
			0);
	for (off = 0; off < SZ_64K; off += SZ_4K)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + off + 0x10),
				pa + off + 0x10);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + SZ_64K), 0);

	KUNIT_EXPECT_EQ(test, iommu_unmap(domain, iova, SZ_64K), SZ_64K);
	for (off = 0; off < SZ_64K; off += SZ_4K)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + off), 0);
}

/*
 * A map that creates a level-1 entry invalidates every member once (the
 * FLPD cache) before it returns; a map inside it does not.
 */
static void dom_map_new_lv1_flush(struct kunit *test)
{
	const unsigned long iova = 0x20000000;
	struct iommu_domain *domain;
	struct dom_test *t;
	unsigned int i;
	phys_addr_t pa;

	dom_setup(test);
	t = dom_ctx(test);
	domain = dom_attach_new(test);
	pa = dom_buffer(test, SZ_8K);
	dom_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova, pa, SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[i],
								  t->fam->flush_all),
				1);

	dom_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova + SZ_4K, pa + SZ_4K,
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_writes, 0);
}

/* One unmap of several pages: one range invalidation per member. */
static void dom_unmap_flush(struct kunit *test)
{
	const unsigned long iova = 0x30001000;
	const size_t size = 5 * SZ_4K;
	struct iommu_domain *domain;
	struct dom_test *t;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	domain = dom_attach_new(test);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova, dom_buffer(test, size),
					size, IOMMU_READ, GFP_KERNEL), 0);
	dom_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_unmap(domain, iova, size), size);

	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m = t->model[i];

		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->flush_range), 1);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->flush_start), 1);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->flush_end), 1);
		KUNIT_EXPECT_EQ(test, m->nr_writes, t->fam->range_writes);
		KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->flush_start),
				dom_range_start(t->fam, iova));
		KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->flush_end),
				dom_range_end(t->fam, iova + size - SZ_4K));
	}
}

/* Unmaps gathered together are invalidated once, over their whole span. */
static void dom_gather_batching(struct kunit *test)
{
	const unsigned long iova1 = 0x40000000, iova2 = 0x40010000;
	struct iommu_iotlb_gather gather;
	struct iommu_domain *domain;
	struct dom_test *t;
	unsigned int i;
	phys_addr_t pa;

	dom_setup(test);
	t = dom_ctx(test);
	domain = dom_attach_new(test);
	pa = dom_buffer(test, SZ_16K);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova1, pa, SZ_8K, IOMMU_READ,
					GFP_KERNEL), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova2, pa + SZ_8K, SZ_8K,
					IOMMU_READ, GFP_KERNEL), 0);
	dom_clear_logs(t);

	iommu_iotlb_gather_init(&gather);
	KUNIT_EXPECT_EQ(test, iommu_unmap_fast(domain, iova1, SZ_8K, &gather),
			SZ_8K);
	KUNIT_EXPECT_EQ(test, iommu_unmap_fast(domain, iova2, SZ_8K, &gather),
			SZ_8K);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_writes, 0);

	iommu_iotlb_sync(domain, &gather);
	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m = t->model[i];

		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->flush_range), 1);
		KUNIT_EXPECT_LE(test, m->nr_writes, 3);
		KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->flush_start),
				dom_range_start(t->fam, iova1));
		KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->flush_end),
				dom_range_end(t->fam, iova2 + SZ_8K - SZ_4K));
	}
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova1), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova2), 0);
}

/*
 * While the master is suspended, its members are not touched at all; on
 * resume each one is programmed again with the current table.
 */
static void dom_suspended_members(struct kunit *test)
{
	const unsigned long iova = 0x50000000;
	struct iommu_domain *domain, *other;
	struct dom_test *t;
	unsigned int i;
	phys_addr_t pa;

	dom_setup(test);
	t = dom_ctx(test);
	domain = dom_attach_new(test);
	other = sysmmu_test_domain_alloc(test, t->master);
	pa = dom_buffer(test, SZ_16K);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova, pa, SZ_16K, IOMMU_READ,
					GFP_KERNEL), 0);

	dom_power(test, false);
	for (i = 0; i < t->fam->nr; i++) {
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(t->model[i],
							    t->fam->ctrl), 0);
		KUNIT_EXPECT_EQ(test, t->member[i]->pt_base,
				exynos_pt_base(to_sysmmu_domain(domain)->pt));
	}
	dom_clear_logs(t);
	KUNIT_EXPECT_EQ(test, iommu_unmap(domain, iova, SZ_8K), SZ_8K);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, iova + SZ_1M, pa, SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	iommu_flush_iotlb_all(domain);
	/* Attaching another domain only records the table to use. */
	iommu_detach_device(domain, t->master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(other, t->master), 0);
	for (i = 0; i < t->fam->nr; i++) {
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_writes, 0);
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_reads, 0);
	}

	dom_power(test, true);
	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m = t->model[i];

		KUNIT_ASSERT_GT(test, m->nr_log, 0);
		/*
		 * Blocked first (v9: stream tables restored first), enabled
		 * last, with the current table.
		 */
		KUNIT_EXPECT_EQ(test, m->log[0].off, t->fam->resume_first);
		if (t->fam->resume_first == SYSMMU_REG_CTRL)
			KUNIT_EXPECT_TRUE(test, m->log[0].val & SYSMMU_CTRL_BLOCK);
		KUNIT_EXPECT_EQ(test, m->log[m->nr_log - 1].off, t->fam->ctrl);
		KUNIT_EXPECT_EQ(test, m->log[m->nr_log - 1].val, t->fam->ctrl_on);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->pt_base), 1);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->flush_all), 1);
		if (t->fam->ctrl_vm)
			KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->ctrl_vm), 1);
	}
	dom_expect_table(test, other);
}

/* The DMA API of the bound master maps through its default domain. */
static void dom_dma_map_single(struct kunit *test)
{
	struct iommu_domain *domain;
	struct dom_test *t;
	dma_addr_t iova;
	size_t off;
	void *buf;

	dom_setup(test);
	t = dom_ctx(test);
	domain = iommu_get_domain_for_dev(t->master);
	buf = kunit_kzalloc(test, SZ_16K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);

	iova = dma_map_single(t->master, buf, SZ_16K, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, iova));
	for (off = 0; off < SZ_16K; off += SZ_4K)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + off),
				virt_to_phys(buf + off));
	dma_unmap_single(t->master, iova, SZ_16K, DMA_TO_DEVICE);
	for (off = 0; off < SZ_16K; off += SZ_4K)
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + off), 0);
}

/* dma_map_page() and dma_unmap_page(): one invalidation per member. */
static void dom_dma_map_page(struct kunit *test)
{
	struct iommu_domain *domain;
	struct page *pages;
	struct dom_test *t;
	dma_addr_t iova;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	domain = iommu_get_domain_for_dev(t->master);
	pages = alloc_pages(GFP_KERNEL, 2);
	KUNIT_ASSERT_NOT_NULL(test, pages);

	iova = dma_map_page(t->master, pages, SZ_4K, 2 * SZ_4K,
			    DMA_BIDIRECTIONAL);
	if (dma_mapping_error(t->master, iova))
		__free_pages(pages, 2);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, iova));
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova),
			page_to_phys(pages) + SZ_4K);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova + SZ_4K),
			page_to_phys(pages) + 2 * SZ_4K);

	dom_clear_logs(t);
	dma_unmap_page(t->master, iova, 2 * SZ_4K, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, iova), 0);
	for (i = 0; i < t->fam->nr; i++) {
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[i],
								  t->fam->flush_range),
				1);
		KUNIT_EXPECT_LE(test, t->model[i]->nr_writes, 3);
	}
	__free_pages(pages, 2);
}

/* The identity domain puts every member in bypass. */
static void dom_identity(struct kunit *test)
{
	struct iommu_domain *def, *identity;
	struct dom_test *t;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	def = iommu_get_domain_for_dev(t->master);
	identity = t->agg->iommu.ops->identity_domain;
	KUNIT_ASSERT_NOT_NULL(test, identity);

	dom_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(identity, t->master), 0);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), identity);
	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_test_model *m = t->model[i];

		KUNIT_EXPECT_FALSE(test, t->member[i]->enabled);
		KUNIT_EXPECT_EQ(test, t->member[i]->pt_base, 0);
		KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->ctrl), 0);
		if (t->fam->ctrl_vm)
			KUNIT_EXPECT_EQ(test, dom_last_write(m, t->fam->ctrl_vm), 0);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(m, t->fam->pt_base), 0);
	}

	/* Detaching goes back to the default domain. */
	iommu_detach_device(identity, t->master);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), def);
	dom_expect_table(test, def);
}

/*
 * Claiming DMA ownership attaches the blocked domain: every member
 * translates with an empty table, so nothing the master had mapped is
 * reachable any more.
 */
static void dom_blocked(struct kunit *test)
{
	struct iommu_domain *def;
	struct dom_test *t;
	phys_addr_t table;
	dma_addr_t iova;
	unsigned int i;
	u32 *lv1;
	void *buf;

	dom_setup(test);
	t = dom_ctx(test);
	def = iommu_get_domain_for_dev(t->master);
	buf = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	iova = dma_map_single(t->master, buf, SZ_4K, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, iova));

	KUNIT_ASSERT_EQ(test, iommu_device_claim_dma_owner(t->master, test), 0);
	KUNIT_EXPECT_EQ(test, iommu_get_domain_for_dev(t->master)->type,
			IOMMU_DOMAIN_BLOCKED);
	table = exynos_pt_base(t->agg->blocking->pt);
	for (i = 0; i < t->fam->nr; i++) {
		KUNIT_EXPECT_EQ(test, t->member[i]->pt_base, table);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(t->model[i],
							    t->fam->pt_base),
				table >> DOM_PT_BASE_SHIFT);
		KUNIT_EXPECT_TRUE(test, t->member[i]->enabled);
	}
	/* The blocking table is empty: every level-1 entry faults. */
	lv1 = phys_to_virt(table);
	for (i = 0; i < SZ_16K / sizeof(*lv1); i++)
		if (lv1[i])
			break;
	KUNIT_EXPECT_EQ(test, i, SZ_16K / sizeof(*lv1));
	KUNIT_EXPECT_EQ(test, exynos_pt_iova_to_phys(t->agg->blocking->pt, iova),
			0);

	iommu_device_release_dma_owner(t->master);
	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), def);
	dom_expect_table(test, def);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(def, iova), virt_to_phys(buf));
	dma_unmap_single(t->master, iova, SZ_4K, DMA_TO_DEVICE);
}

/*
 * A domain whose page-table format an aggregate cannot walk is refused,
 * in both directions between a v1-format and a v5-format aggregate.
 */
static void dom_format_mismatch(struct kunit *test)
{
	struct iommu_domain *dom_v1, *dom_v5, *def;
	struct sysmmu_test_model *v1;
	struct device *master_v1;
	struct dom_test *t;
	unsigned int i;

	dom_setup(test);
	t = dom_ctx(test);
	v1 = sysmmu_test_model_add(test, DOM_SINGLE_BASE,
				   SYSMMU_TEST_VERSION(1, 0), 0, 0);
	sysmmu_test_overlay(test, domain_test_legacy);
	sysmmu_test_settle();
	master_v1 = sysmmu_test_find_dev(test, DOM_SINGLE_MASTER);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master_v1));
	def = iommu_get_domain_for_dev(t->master);

	dom_v1 = sysmmu_test_domain_alloc(test, master_v1);
	dom_v5 = sysmmu_test_domain_alloc(test, t->master);
	dom_clear_logs(t);
	sysmmu_test_model_clear_log(v1);
	KUNIT_EXPECT_EQ(test, iommu_attach_device(dom_v1, t->master), -EINVAL);
	KUNIT_EXPECT_EQ(test, iommu_attach_device(dom_v5, master_v1), -EINVAL);

	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), def);
	KUNIT_EXPECT_PTR_EQ(test, t->agg->domain, def);
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ(test, t->model[i]->nr_writes, 0);
	KUNIT_EXPECT_EQ(test, v1->nr_writes, 0);

	/* Each one still fits its own aggregate. */
	KUNIT_EXPECT_EQ(test, iommu_attach_device(dom_v5, t->master), 0);
	KUNIT_EXPECT_EQ(test, iommu_attach_device(dom_v1, master_v1), 0);
}

static struct kunit_case sysmmu_domain_cases[] = {
	KUNIT_CASE_PARAM(dom_default_domain, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_attach_fans_out, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_attach_rollback, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_switch_invalidates_attached, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_map_unmap, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_map_new_lv1_flush, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_unmap_flush, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_gather_batching, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_suspended_members, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_dma_map_single, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_dma_map_page, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_identity, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_blocked, dom_family_gen_params),
	KUNIT_CASE_PARAM(dom_format_mismatch, dom_family_gen_params),
	{ }
};

static struct kunit_suite sysmmu_domain_suite = {
	.name = "exynos-sysmmu-domain",
	.init = dom_test_init,
	.test_cases = sysmmu_domain_cases,
};

kunit_test_suite(sysmmu_domain_suite);
