// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-aggregate": bringing System MMU instances up
 * as one IOMMU, through the driver core and the IOMMU core. The group
 * cases run for three Exynos850-like v5 instances, a gs101 DPU-like group
 * of three "v8" instances and a zuma DPU-like group of two v9 instances.
 *
 * Devicetree overlays create the instances, their group and their masters;
 * register models stand in for the instances' registers. Each instance has
 * a clock whose provider only provides it once the test enables it, so the
 * instance's probe defers until then: that is how a test chooses the order
 * in which instances finish probing.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/iommu.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>

#include "test_model.h"
#include "test_overlay.h"

#define AGG_NR			3	/* the most members of any group */
#define AGG_GROUP		"/sysmmu-test-group"
#define AGG_GS101		"/sysmmu-test-group-gs101"
#define AGG_ZUMA		"/sysmmu-test-group-zuma"
#define AGG_V5			SYSMMU_TEST_VERSION(5, 0)
#define AGG_V5_PT_BASE		0x0c

static int agg_overlay_group(struct kunit *test)
{
	return sysmmu_test_overlay(test, aggregate_test_group);
}

static int agg_overlay_gs101(struct kunit *test)
{
	return sysmmu_test_overlay(test, aggregate_test_gs101);
}

static int agg_overlay_zuma(struct kunit *test)
{
	return sysmmu_test_overlay(test, aggregate_test_zuma);
}

/**
 * struct agg_family - a group of instances of one family, as the suite
 *	expects to see it
 * @name: parameter description
 * @overlay: applies the devicetree of the group, its clocks and master
 * @nr: number of members
 * @base: the members' register addresses
 * @path: the members' node paths
 * @clock: the node paths of the members' clock providers
 * @group: the group's node path
 * @master: the master's node path
 * @version: VERSION register value
 * @bad_version: a VERSION value the family's compatible does not accept
 * @capa0: CAPA0 register value
 * @capa1: CAPA1 register value
 * @swalker_info: v9 SWALKER_INFO value (0: not v9)
 * @pmmu_info: v9 PMMU_INFO value of every PMMU
 * @pt_base: page-table base register
 * @ctrl: register that enables translation (0 in bypass)
 */
struct agg_family {
	const char *name;
	int (*overlay)(struct kunit *test);
	unsigned int nr;
	phys_addr_t base[AGG_NR];
	const char *path[AGG_NR];
	const char *clock[AGG_NR];
	const char *group;
	const char *master;
	u32 version;
	u32 bad_version;
	u32 capa0;
	u32 capa1;
	u32 swalker_info;
	u32 pmmu_info;
	u32 pt_base;
	u32 ctrl;
};

/* Register values from the hardware documentation. */
static const struct agg_family agg_families[] = {
	{
		.name = "v5",
		.overlay = agg_overlay_group, .nr = 3,
		.base = { 0x1c100000, 0x1c110000, 0x1c120000 },
		.path = { AGG_GROUP "/iommu@1c100000",
			  AGG_GROUP "/iommu@1c110000",
			  AGG_GROUP "/iommu@1c120000" },
		.clock = { "/sysmmu-test-clock-0", "/sysmmu-test-clock-1",
			   "/sysmmu-test-clock-2" },
		.group = AGG_GROUP, .master = "/sysmmu-test-master",
		.version = AGG_V5, .bad_version = SYSMMU_TEST_VERSION(4, 0),
		.pt_base = AGG_V5_PT_BASE, .ctrl = 0x000,
	}, {
		/* gs101 DPU: 8.1 in the downstream decode, VM capable. */
		.name = "v8 gs101",
		.overlay = agg_overlay_gs101, .nr = 3,
		.base = { 0x1c400000, 0x1c410000, 0x1c420000 },
		.path = { AGG_GS101 "/iommu@1c400000",
			  AGG_GS101 "/iommu@1c410000",
			  AGG_GS101 "/iommu@1c420000" },
		.clock = { "/sysmmu-test-clock-gs101-0",
			   "/sysmmu-test-clock-gs101-1",
			   "/sysmmu-test-clock-gs101-2" },
		.group = AGG_GS101, .master = "/sysmmu-test-master-gs101",
		.version = 0x80240000, .bad_version = SYSMMU_TEST_VERSION(5, 1),
		.capa0 = BIT(11), .capa1 = BIT(14),
		.pt_base = 0x800c, .ctrl = 0x000,
	}, {
		/* zuma DPU: 9.0, two PMMUs of 64 entries, 36-bit VA. */
		.name = "v9 zuma",
		.overlay = agg_overlay_zuma, .nr = 2,
		.base = { 0x1c500000, 0x1c510000 },
		.path = { AGG_ZUMA "/iommu@1c500000",
			  AGG_ZUMA "/iommu@1c510000" },
		.clock = { "/sysmmu-test-clock-zuma-0",
			   "/sysmmu-test-clock-zuma-1" },
		.group = AGG_ZUMA, .master = "/sysmmu-test-master-zuma",
		.version = 0x90000000, .bad_version = SYSMMU_TEST_VERSION(7, 4),
		.swalker_info = 2, .pmmu_info = 0x00400001,
		.pt_base = 0x8404, .ctrl = 0x8000,
	},
};

static void agg_family_desc(const struct agg_family *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(agg_family, agg_families, agg_family_desc);

/* Legacy nodes: a and b, a master behind a, a master listing a and b. */
#define LEG_A			"/iommu@1c200000"
#define LEG_B			"/iommu@1c210000"
#define LEG_CLK_A		"/sysmmu-test-clock-a"
#define LEG_CLK_B		"/sysmmu-test-clock-b"
#define LEG_MASTER_A		"/sysmmu-test-master-a"
#define LEG_MASTER_AB		"/sysmmu-test-master-ab"
#define LEG_MASTER_BA		"/sysmmu-test-master-ba"
#define LEG_BASE_A		0x1c200000
#define LEG_BASE_B		0x1c210000

struct agg_test {
	const struct agg_family *fam;
	struct sysmmu_test_model *model[AGG_NR];
	struct device *group;
	struct device *member[AGG_NR];
	struct device *master;
};

static struct agg_test *agg_ctx(struct kunit *test)
{
	return test->priv;
}

static int agg_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct agg_test), GFP_KERNEL);
	if (!test->priv)
		return -ENOMEM;
	sysmmu_test_drivers_register(test);
	return 0;
}

static bool agg_registered(struct sysmmu_aggregate *agg)
{
	return agg && READ_ONCE(agg->ready) && agg->iommu.dev;
}

static struct device_node *agg_node(struct kunit *test, const char *path)
{
	struct device_node *np = of_find_node_by_path(path);

	KUNIT_ASSERT_NOT_NULL_MSG(test, np, "no node %s", path);
	/* The overlay holds it; the test only compares the pointer. */
	of_node_put(np);
	return np;
}

static struct device *agg_dev(struct kunit *test, const char *path)
{
	struct device *dev = sysmmu_test_find_dev(test, path);

	KUNIT_ASSERT_NOT_NULL_MSG(test, dev, "no device for %s", path);
	return dev;
}

/* A master that defers: not bound, nothing of the IOMMU core left on it. */
static void agg_expect_deferred(struct kunit *test, struct device *master)
{
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(master));
	KUNIT_EXPECT_FALSE(test, device_iommu_mapped(master));
	KUNIT_EXPECT_NULL(test, dev_iommu_fwspec_get(master));
	KUNIT_EXPECT_NULL(test, iommu_get_domain_for_dev(master));
}

/*
 * The master's link to @supplier: managed and "active" once both are bound,
 * so that the driver core unbinds the master first; runtime PM through it.
 */
static void agg_expect_link(struct kunit *test, struct device *master,
			    struct device *supplier)
{
	struct device_link *link, *found = NULL;

	/* The links' lock is the driver core's own; settled, they do not move. */
	list_for_each_entry(link, &master->links.suppliers, c_node)
		if (link->supplier == supplier)
			found = link;
	KUNIT_EXPECT_NOT_NULL_MSG(test, found, "%s: no link to %s",
				  dev_name(master), dev_name(supplier));
	if (found) {
		KUNIT_EXPECT_TRUE(test, found->flags & DL_FLAG_MANAGED);
		KUNIT_EXPECT_TRUE(test, found->flags & DL_FLAG_PM_RUNTIME);
		KUNIT_EXPECT_EQ(test, found->status, DL_STATE_ACTIVE);
	}
}

/*
 * A bound master behind @agg (and @nr_aggs aggregates in all): exactly one
 * fwnode, @np's; the aggregate's iommu_device; a default DMA domain whose
 * table every member of every aggregate points at; a managed link to every
 * device behind them.
 */
static void agg_expect_behind(struct kunit *test, struct device *master,
			      struct sysmmu_aggregate *agg,
			      struct device_node *np, unsigned int nr_aggs)
{
	struct iommu_fwspec *fwspec;
	struct sysmmu_master *priv;
	struct iommu_domain *domain;
	phys_addr_t base;
	unsigned int i, j;

	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master));
	KUNIT_EXPECT_TRUE(test, device_iommu_mapped(master));
	fwspec = dev_iommu_fwspec_get(master);
	KUNIT_ASSERT_NOT_NULL(test, fwspec);
	KUNIT_EXPECT_PTR_EQ(test, fwspec->iommu_fwnode, of_fwnode_handle(np));
	KUNIT_EXPECT_EQ(test, fwspec->num_ids, 0);
	KUNIT_EXPECT_PTR_EQ(test, master->iommu->iommu_dev, &agg->iommu);
	KUNIT_EXPECT_PTR_EQ(test, agg->iommu.fwnode, of_fwnode_handle(np));

	priv = dev_iommu_priv_get(master);
	KUNIT_ASSERT_NOT_NULL(test, priv);
	KUNIT_ASSERT_EQ(test, priv->nr_aggs, nr_aggs);
	KUNIT_EXPECT_PTR_EQ(test, priv->aggs[0], agg);

	domain = iommu_get_domain_for_dev(master);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	KUNIT_EXPECT_TRUE(test, domain->type & __IOMMU_DOMAIN_DMA_API);
	base = exynos_pt_base(to_sysmmu_domain(domain)->pt);
	for (i = 0; i < priv->nr_aggs; i++) {
		KUNIT_EXPECT_PTR_EQ(test, priv->aggs[i]->domain, domain);
		for (j = 0; j < priv->aggs[i]->nr_members; j++) {
			KUNIT_EXPECT_EQ(test, priv->aggs[i]->members[j]->pt_base,
					base);
			agg_expect_link(test, master,
					priv->aggs[i]->members[j]->dev);
		}
		agg_expect_link(test, master, priv->aggs[i]->dev);
	}
}

/* A register model for member @i of the family under test. */
static struct sysmmu_test_model *agg_model(struct kunit *test, unsigned int i,
					   u32 version)
{
	const struct agg_family *f = agg_ctx(test)->fam;
	struct sysmmu_test_model *m;

	m = sysmmu_test_model_add(test, f->base[i], version, f->capa0,
				  f->capa1);
	if (f->swalker_info)
		sysmmu_test_model_v9_pmmus(m, f->swalker_info, f->pmmu_info);
	return m;
}

/* The family a case runs for: its parameter, v5 for the others. */
static const struct agg_family *agg_fam(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);

	if (!t->fam)
		t->fam = test->param_value ?: &agg_families[0];
	return t->fam;
}

/* Models, overlay and devices of the family's group. */
static void agg_group_setup(struct kunit *test, const u32 *versions)
{
	const struct agg_family *f = agg_fam(test);
	struct agg_test *t = agg_ctx(test);
	unsigned int i;

	for (i = 0; i < f->nr; i++)
		t->model[i] = agg_model(test, i,
					versions ? versions[i] : f->version);
	f->overlay(test);
	sysmmu_test_settle();

	t->group = agg_dev(test, f->group);
	t->master = agg_dev(test, f->master);
	for (i = 0; i < f->nr; i++)
		t->member[i] = agg_dev(test, f->path[i]);
	sysmmu_test_require_deferral(test, t->master);

	/* The group binds at once; every instance waits for its clock. */
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(t->group));
	for (i = 0; i < f->nr; i++)
		KUNIT_ASSERT_FALSE(test, sysmmu_test_bound(t->member[i]));
	agg_expect_deferred(test, t->master);
}

static void agg_enable_member(struct kunit *test, unsigned int i)
{
	sysmmu_test_enable_clock(test, agg_fam(test)->clock[i]);
	sysmmu_test_settle();
}

/* Bring the whole group up in index order and check it is registered. */
static struct sysmmu_aggregate *agg_group_up(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg;
	unsigned int i;

	agg_group_setup(test, NULL);
	for (i = 0; i < t->fam->nr; i++)
		agg_enable_member(test, i);
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_ASSERT_TRUE(test, agg_registered(agg));
	KUNIT_ASSERT_EQ(test, agg->registrations, 1);
	agg_expect_behind(test, t->master, agg, agg_node(test, t->fam->group),
			  1);
	return agg;
}

struct agg_order {
	const struct agg_family *fam;
	unsigned int order[AGG_NR];
	const char *name;
};

static const struct agg_order agg_orders[] = {
	{ &agg_families[0], { 0, 1, 2 }, "v5 0-1-2" },
	{ &agg_families[0], { 0, 2, 1 }, "v5 0-2-1" },
	{ &agg_families[0], { 1, 0, 2 }, "v5 1-0-2" },
	{ &agg_families[0], { 1, 2, 0 }, "v5 1-2-0" },
	{ &agg_families[0], { 2, 0, 1 }, "v5 2-0-1" },
	{ &agg_families[0], { 2, 1, 0 }, "v5 2-1-0" },
	{ &agg_families[1], { 0, 1, 2 }, "v8 0-1-2" },
	{ &agg_families[1], { 0, 2, 1 }, "v8 0-2-1" },
	{ &agg_families[1], { 1, 0, 2 }, "v8 1-0-2" },
	{ &agg_families[1], { 1, 2, 0 }, "v8 1-2-0" },
	{ &agg_families[1], { 2, 0, 1 }, "v8 2-0-1" },
	{ &agg_families[1], { 2, 1, 0 }, "v8 2-1-0" },
	{ &agg_families[2], { 0, 1 }, "v9 0-1" },
	{ &agg_families[2], { 1, 0 }, "v9 1-0" },
};

static void agg_order_desc(const struct agg_order *o, char *desc)
{
	strscpy(desc, o->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(agg_order, agg_orders, agg_order_desc);

/*
 * Whatever the order the instances finish probing in, and however often
 * they deferred before, the aggregate registers exactly once, after the
 * last one; the master defers until then and binds behind the group only.
 */
static void agg_probe_order(struct kunit *test)
{
	const struct agg_order *o = test->param_value;
	struct agg_test *t = agg_ctx(test);
	bool up[AGG_NR] = { };
	struct sysmmu_aggregate *agg;
	unsigned int step, i;

	t->fam = o->fam;
	agg_group_setup(test, NULL);
	for (step = 0; step < t->fam->nr; step++) {
		agg_enable_member(test, o->order[step]);
		up[o->order[step]] = true;
		for (i = 0; i < t->fam->nr; i++)
			KUNIT_EXPECT_EQ_MSG(test, sysmmu_test_bound(t->member[i]),
					    up[i], "instance %u, step %u", i, step);
		agg = sysmmu_test_group_agg(t->group);
		KUNIT_ASSERT_NOT_NULL(test, agg);
		if (step == t->fam->nr - 1)
			break;
		KUNIT_EXPECT_EQ(test, agg->registrations, 0);
		KUNIT_EXPECT_FALSE(test, agg_registered(agg));
		agg_expect_deferred(test, t->master);
	}

	KUNIT_EXPECT_TRUE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, agg->registrations, 1);
	KUNIT_ASSERT_EQ(test, agg->nr_members, t->fam->nr);
	for (i = 0; i < t->fam->nr; i++) {
		struct sysmmu_member *m = sysmmu_test_member(t->member[i]);

		KUNIT_ASSERT_NOT_NULL(test, m);
		KUNIT_EXPECT_PTR_EQ(test, m->agg, agg);
		KUNIT_EXPECT_PTR_EQ(test, agg->members[m->index], m);
	}
	agg_expect_behind(test, t->master, agg, agg_node(test, t->fam->group),
			  1);
}

/*
 * The core only ever sees the group: its device registers the one
 * iommu_device, and no instance has one of its own.
 */
static void agg_group_is_the_only_iommu(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg = agg_group_up(test);
	unsigned int i;

	KUNIT_EXPECT_PTR_EQ(test, agg->dev, t->group);
	KUNIT_EXPECT_PTR_EQ(test, agg->iommu.dev->parent, t->group);
	KUNIT_EXPECT_TRUE(test, sysmmu_test_debugfs_has(dev_name(t->group)));
	for (i = 0; i < t->fam->nr; i++) {
		KUNIT_EXPECT_FALSE(test,
				   sysmmu_test_debugfs_has(dev_name(t->member[i])));
		KUNIT_EXPECT_PTR_EQ(test, t->member[i]->parent, t->group);
		KUNIT_EXPECT_FALSE(test, device_iommu_mapped(t->member[i]));
	}
}

/* An instance that never appears: nothing registered, the master waits. */
static void agg_member_never_appears(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg;
	unsigned int i;

	/* Every instance but the second one. */
	agg_group_setup(test, NULL);
	for (i = 0; i < t->fam->nr; i++)
		if (i != 1)
			agg_enable_member(test, i);
	/* Let deferred probing run again: nothing changes. */
	KUNIT_ASSERT_EQ(test, device_attach(t->member[1]), 0);
	sysmmu_test_settle();

	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_EQ_MSG(test, sysmmu_test_bound(t->member[i]), i != 1,
				    "instance %u", i);
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_EXPECT_FALSE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, agg->registrations, 0);
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(t->group)));
	agg_expect_deferred(test, t->master);
}

/* Instances that disagree on the page-table format never register. */
static void agg_formats_disagree(struct kunit *test)
{
	static const u32 versions[AGG_NR] = {
		AGG_V5, SYSMMU_TEST_VERSION(3, 3), AGG_V5,
	};
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg;
	unsigned int i;

	agg_group_setup(test, versions);
	for (i = 0; i < AGG_NR; i++)
		agg_enable_member(test, i);

	/* The instance that completed the group gets the error. */
	KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->member[0]));
	KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->member[1]));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->member[2]));
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_EXPECT_FALSE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, agg->registrations, 0);
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(t->group)));
	agg_expect_deferred(test, t->master);
}

/* An instance of an unknown version fails its probe: nothing registers. */
static void agg_unknown_version(struct kunit *test)
{
	const struct agg_family *f = agg_fam(test);
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg;
	u32 versions[AGG_NR];
	unsigned int i, last = f->nr - 1;

	/* The last instance reports a version its compatible does not know. */
	for (i = 0; i < f->nr; i++)
		versions[i] = i == last ? f->bad_version : f->version;
	agg_group_setup(test, versions);
	for (i = 0; i < f->nr; i++)
		agg_enable_member(test, i);

	for (i = 0; i < f->nr; i++)
		KUNIT_EXPECT_EQ_MSG(test, sysmmu_test_bound(t->member[i]),
				    i != last, "instance %u", i);
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_EXPECT_FALSE(test, agg_registered(agg));
	agg_expect_deferred(test, t->master);
	/* Its clock was enabled for the probe that failed, then released. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(t->model[last],
							  f->ctrl),
			0);
}

/* A group without instances fails to probe and registers nothing. */
static void agg_empty_group(struct kunit *test)
{
	struct device *group, *master;

	sysmmu_test_overlay(test, aggregate_test_empty);
	sysmmu_test_settle();
	group = agg_dev(test, "/sysmmu-test-empty-group");
	master = agg_dev(test, "/sysmmu-test-empty-master");
	sysmmu_test_require_deferral(test, master);

	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(group));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(group)));
	agg_expect_deferred(test, master);
}

/*
 * Unbinding an instance unbinds the master first (device links) and
 * unregisters the aggregate before the instance's resources go; binding it
 * again registers the aggregate once more and the master comes back.
 */
static void agg_member_rebind(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg = agg_group_up(test);

	device_release_driver(t->member[1]);
	sysmmu_test_settle();
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->member[1]));
	KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->member[0]));
	if (t->fam->nr > 2)
		KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->member[2]));
	KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->group));
	KUNIT_EXPECT_FALSE(test, agg_registered(agg));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(t->group)));
	agg_expect_deferred(test, t->master);
	/* Left in bypass, as the driver found them. */
	KUNIT_EXPECT_EQ(test,
			sysmmu_test_model_get(t->model[0], t->fam->ctrl), 0);

	KUNIT_EXPECT_EQ(test, device_attach(t->member[1]), 1);
	sysmmu_test_settle();
	KUNIT_EXPECT_TRUE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, agg->registrations, 2);
	agg_expect_behind(test, t->master, agg, agg_node(test, t->fam->group),
			  1);
}

/* Likewise for the group device, whose instances go and come back. */
static void agg_group_rebind(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg;
	unsigned int i;

	agg_group_up(test);
	device_release_driver(t->group);
	sysmmu_test_settle();
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->group));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(t->group)));
	agg_expect_deferred(test, t->master);
	/* The group's instances were depopulated with it. */
	for (i = 0; i < t->fam->nr; i++)
		KUNIT_EXPECT_FALSE(test, device_is_registered(t->member[i]));

	KUNIT_EXPECT_EQ(test, device_attach(t->group), 1);
	sysmmu_test_settle();
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_EXPECT_TRUE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, agg->registrations, 1);
	KUNIT_EXPECT_EQ(test, agg->nr_members, t->fam->nr);
	agg_expect_behind(test, t->master, agg, agg_node(test, t->fam->group),
			  1);
}

/* Unbinding and binding the master itself leaves the aggregate alone. */
static void agg_master_rebind(struct kunit *test)
{
	struct agg_test *t = agg_ctx(test);
	struct sysmmu_aggregate *agg = agg_group_up(test);

	device_release_driver(t->master);
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->master));
	KUNIT_EXPECT_TRUE(test, agg_registered(agg));
	KUNIT_EXPECT_EQ(test, device_attach(t->master), 1);
	KUNIT_EXPECT_EQ(test, agg->registrations, 1);
	agg_expect_behind(test, t->master, agg, agg_node(test, t->fam->group),
			  1);
}

/*
 * Removing the overlay takes everything down: no aggregate left in
 * debugfs, every instance left in bypass.
 */
static void agg_teardown(struct kunit *test)
{
	const struct agg_family *f = agg_fam(test);
	struct agg_test *t = agg_ctx(test);
	unsigned int i;
	char name[32];
	int ovcs;

	for (i = 0; i < f->nr; i++)
		t->model[i] = agg_model(test, i, f->version);
	ovcs = f->overlay(test);
	for (i = 0; i < f->nr; i++)
		sysmmu_test_enable_clock(test, f->clock[i]);
	sysmmu_test_settle();
	t->group = agg_dev(test, f->group);
	t->master = agg_dev(test, f->master);
	KUNIT_ASSERT_TRUE(test, agg_registered(sysmmu_test_group_agg(t->group)));
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(t->master));
	/* Run the instances, so that teardown has something to undo. */
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->master), 0);
	pm_runtime_put_sync(t->master);

	strscpy(name, dev_name(t->group), sizeof(name));
	KUNIT_ASSERT_TRUE(test, sysmmu_test_debugfs_has(name));
	sysmmu_test_put_dev(test, t->master);
	sysmmu_test_put_dev(test, t->group);
	sysmmu_test_overlay_remove(test, ovcs);

	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(name));
	KUNIT_EXPECT_NULL(test, of_find_node_by_path(f->group));
	for (i = 0; i < f->nr; i++) {
		KUNIT_EXPECT_GT(test, sysmmu_test_model_writes_to(t->model[i],
								  f->pt_base),
				0);
		KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(t->model[i],
							    f->ctrl), 0);
	}
}

/*
 * Legacy binding: a standalone node is an aggregate of one. b is listed by
 * no master before anything else, so it registers as soon as it probes.
 */
static void agg_legacy_single(struct kunit *test)
{
	struct device *a, *b, *master;
	struct sysmmu_member *m;

	sysmmu_test_model_add(test, LEG_BASE_A, AGG_V5, 0, 0);
	sysmmu_test_model_add(test, LEG_BASE_B, AGG_V5, 0, 0);
	sysmmu_test_overlay(test, aggregate_test_legacy);
	sysmmu_test_settle();
	a = agg_dev(test, LEG_A);
	b = agg_dev(test, LEG_B);
	master = agg_dev(test, LEG_MASTER_A);
	sysmmu_test_require_deferral(test, master);
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(b));
	agg_expect_deferred(test, master);

	sysmmu_test_enable_clock(test, LEG_CLK_B);
	sysmmu_test_settle();
	m = sysmmu_test_member(b);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, m->agg);
	KUNIT_EXPECT_TRUE(test, agg_registered(m->agg));
	KUNIT_EXPECT_EQ(test, m->agg->registrations, 1);
	KUNIT_EXPECT_EQ(test, m->agg->nr_members, 1);
	KUNIT_EXPECT_PTR_EQ(test, m->agg->dev, b);
	KUNIT_EXPECT_TRUE(test, sysmmu_test_debugfs_has(dev_name(b)));

	sysmmu_test_enable_clock(test, LEG_CLK_A);
	sysmmu_test_settle();
	m = sysmmu_test_member(a);
	KUNIT_ASSERT_NOT_NULL(test, m);
	agg_expect_behind(test, master, m->agg, agg_node(test, LEG_A), 1);
}

/*
 * Legacy binding, a master listing a then b: a registers only after b, so
 * that the IOMMU core's readiness check of the master's first entry covers
 * both. Until b is there, neither a nor anything behind a comes up (master
 * a, which lists a alone, waits too); then the master binds with one
 * fwnode, a's, behind both aggregates.
 */
static void agg_legacy_two(struct kunit *test)
{
	struct device *a, *b, *master_a, *master_ab;
	struct sysmmu_member *ma, *mb;

	sysmmu_test_model_add(test, LEG_BASE_A, AGG_V5, 0, 0);
	sysmmu_test_model_add(test, LEG_BASE_B, AGG_V5, 0, 0);
	sysmmu_test_overlay(test, aggregate_test_legacy);
	sysmmu_test_settle();
	a = agg_dev(test, LEG_A);
	b = agg_dev(test, LEG_B);
	master_a = agg_dev(test, LEG_MASTER_A);
	master_ab = agg_dev(test, LEG_MASTER_AB);
	sysmmu_test_require_deferral(test, master_ab);

	sysmmu_test_enable_clock(test, LEG_CLK_A);
	sysmmu_test_settle();
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(a));
	KUNIT_EXPECT_NULL(test, sysmmu_aggregate_find(of_fwnode_handle(agg_node(test, LEG_A))));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(b));
	agg_expect_deferred(test, master_a);
	agg_expect_deferred(test, master_ab);

	sysmmu_test_enable_clock(test, LEG_CLK_B);
	sysmmu_test_settle();
	ma = sysmmu_test_member(a);
	mb = sysmmu_test_member(b);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	KUNIT_EXPECT_TRUE(test, agg_registered(ma->agg));
	KUNIT_EXPECT_TRUE(test, agg_registered(mb->agg));
	agg_expect_behind(test, master_a, ma->agg, agg_node(test, LEG_A), 1);
	agg_expect_behind(test, master_ab, ma->agg, agg_node(test, LEG_A), 2);
	KUNIT_EXPECT_PTR_EQ(test,
			    ((struct sysmmu_master *)
			     dev_iommu_priv_get(master_ab))->aggs[1], mb->agg);
}

/*
 * Unbinding b, which master ab lists second, takes a and the masters behind
 * it down first (a is a device-link consumer of b), so that no master is
 * left holding b's aggregate; binding b again brings everything back, both
 * instances translating for master ab.
 */
static void agg_legacy_unbind_second(struct kunit *test)
{
	struct device *a, *b, *master_a, *master_ab;
	struct sysmmu_master *priv;
	struct sysmmu_member *ma, *mb;

	sysmmu_test_model_add(test, LEG_BASE_A, AGG_V5, 0, 0);
	sysmmu_test_model_add(test, LEG_BASE_B, AGG_V5, 0, 0);
	sysmmu_test_overlay(test, aggregate_test_legacy);
	sysmmu_test_enable_clock(test, LEG_CLK_A);
	sysmmu_test_enable_clock(test, LEG_CLK_B);
	sysmmu_test_settle();
	a = agg_dev(test, LEG_A);
	b = agg_dev(test, LEG_B);
	master_a = agg_dev(test, LEG_MASTER_A);
	master_ab = agg_dev(test, LEG_MASTER_AB);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master_ab));

	device_release_driver(b);
	sysmmu_test_settle();
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(b));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(a));
	agg_expect_deferred(test, master_a);
	agg_expect_deferred(test, master_ab);
	KUNIT_EXPECT_NULL(test, dev_iommu_priv_get(master_ab));

	KUNIT_ASSERT_EQ(test, device_attach(b), 1);
	sysmmu_test_settle();
	ma = sysmmu_test_member(a);
	mb = sysmmu_test_member(b);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	agg_expect_behind(test, master_a, ma->agg, agg_node(test, LEG_A), 1);
	agg_expect_behind(test, master_ab, ma->agg, agg_node(test, LEG_A), 2);
	priv = dev_iommu_priv_get(master_ab);
	KUNIT_ASSERT_NOT_NULL(test, priv);
	KUNIT_EXPECT_PTR_EQ(test, priv->aggs[1], mb->agg);
}

/* Two masters listing a and b in opposite orders: both are refused. */
static void agg_legacy_conflicting_order(struct kunit *test)
{
	struct device *a, *b;

	sysmmu_test_model_add(test, LEG_BASE_A, AGG_V5, 0, 0);
	sysmmu_test_model_add(test, LEG_BASE_B, AGG_V5, 0, 0);
	sysmmu_test_overlay(test, aggregate_test_legacy_conflict);
	sysmmu_test_enable_clock(test, LEG_CLK_A);
	sysmmu_test_enable_clock(test, LEG_CLK_B);
	sysmmu_test_settle();
	a = agg_dev(test, LEG_A);
	b = agg_dev(test, LEG_B);
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(a));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(b));
	KUNIT_EXPECT_NULL(test, sysmmu_aggregate_find(of_fwnode_handle(agg_node(test, LEG_A))));
	KUNIT_EXPECT_NULL(test, sysmmu_aggregate_find(of_fwnode_handle(agg_node(test, LEG_B))));
	agg_expect_deferred(test, agg_dev(test, LEG_MASTER_AB));
	agg_expect_deferred(test, agg_dev(test, LEG_MASTER_BA));
}

/* ... and attaching a domain to that master programs both instances. */
static void agg_legacy_two_attach(struct kunit *test)
{
	struct sysmmu_test_model *model_a, *model_b;
	struct sysmmu_member *ma, *mb;
	struct device *master;
	struct iommu_domain *domain;
	u32 want;

	model_a = sysmmu_test_model_add(test, LEG_BASE_A, AGG_V5, 0, 0);
	model_b = sysmmu_test_model_add(test, LEG_BASE_B, AGG_V5, 0, 0);
	sysmmu_test_overlay(test, aggregate_test_legacy);
	sysmmu_test_enable_clock(test, LEG_CLK_A);
	sysmmu_test_enable_clock(test, LEG_CLK_B);
	sysmmu_test_settle();
	ma = sysmmu_test_member(agg_dev(test, LEG_A));
	mb = sysmmu_test_member(agg_dev(test, LEG_B));
	master = agg_dev(test, LEG_MASTER_AB);
	KUNIT_ASSERT_NOT_NULL(test, ma);
	KUNIT_ASSERT_NOT_NULL(test, mb);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master));

	/*
	 * Power comes through the master's device links to both. One runtime
	 * PM cycle of the master first: the instance that completed an
	 * aggregate may still be active, as creating the links while the
	 * master probed resumed it and cancelled its pending idle request.
	 */
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(master), 0);
	pm_runtime_put_sync(master);
	sysmmu_test_wait_powered(test, ma, false);
	sysmmu_test_wait_powered(test, mb, false);
	sysmmu_test_model_clear_log(model_a);
	sysmmu_test_model_clear_log(model_b);
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(master), 0);
	sysmmu_test_wait_powered(test, ma, true);
	sysmmu_test_wait_powered(test, mb, true);

	domain = iommu_get_domain_for_dev(master);
	KUNIT_ASSERT_NOT_NULL(test, domain);
	want = exynos_pt_base(to_sysmmu_domain(domain)->pt) >> 12;
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model_a,
							  AGG_V5_PT_BASE), 1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_writes_to(model_b,
							  AGG_V5_PT_BASE), 1);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model_a, AGG_V5_PT_BASE),
			want);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model_b, AGG_V5_PT_BASE),
			want);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model_a, SYSMMU_REG_CTRL),
			SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_INT_ENABLE);
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(model_b, SYSMMU_REG_CTRL),
			SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_INT_ENABLE);
	pm_runtime_put_sync(master);
}

static struct kunit_case sysmmu_aggregate_cases[] = {
	KUNIT_CASE_PARAM(agg_probe_order, agg_order_gen_params),
	KUNIT_CASE_PARAM(agg_group_is_the_only_iommu, agg_family_gen_params),
	KUNIT_CASE_PARAM(agg_member_never_appears, agg_family_gen_params),
	KUNIT_CASE(agg_formats_disagree),
	KUNIT_CASE_PARAM(agg_unknown_version, agg_family_gen_params),
	KUNIT_CASE(agg_empty_group),
	KUNIT_CASE_PARAM(agg_member_rebind, agg_family_gen_params),
	KUNIT_CASE_PARAM(agg_group_rebind, agg_family_gen_params),
	KUNIT_CASE_PARAM(agg_master_rebind, agg_family_gen_params),
	KUNIT_CASE_PARAM(agg_teardown, agg_family_gen_params),
	KUNIT_CASE(agg_legacy_single),
	KUNIT_CASE(agg_legacy_two),
	KUNIT_CASE(agg_legacy_two_attach),
	KUNIT_CASE(agg_legacy_unbind_second),
	KUNIT_CASE(agg_legacy_conflicting_order),
	{ }
};

static struct kunit_suite sysmmu_aggregate_suite = {
	.name = "exynos-sysmmu-aggregate",
	.init = agg_test_init,
	.test_cases = sysmmu_aggregate_cases,
};

kunit_test_suite(sysmmu_aggregate_suite);
