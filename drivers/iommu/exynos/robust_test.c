// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-sysmmu-robust": the driver under bad conditions.
 *
 *  - allocation failures: every allocation of a member probe, an aggregate
 *    bind, a standalone registration, a domain allocation, an attach and a
 *    map fails in turn; each failure leaves the state as it was;
 *  - probe order: a zuma ISP-like group of nine instances comes up in
 *    seeded random orders with random extra deferrals, registered once;
 *  - lifecycle: a member and the whole group are unbound and bound again a
 *    thousand times with a master attached and mappings live;
 *  - concurrency: map, unmap and iova_to_phys from four threads against a
 *    reference, and a fault storm during unmaps;
 *  - bad devicetrees: the defects of tests/dts/bad applied as overlays;
 *  - isolation: what the instances can still reach after unmap, block,
 *    detach and unbind.
 *
 * Leaks are left to kmemleak, which the debug run scans after the suites;
 * the cases check what they can see: the aggregate registry, the IOMMU
 * core's view of the masters, debugfs.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "test_model.h"
#include "test_overlay.h"

#define ROB_NR			3
#define ROB_GROUP		"/sysmmu-test-robust-group"
#define ROB_MASTER		"/sysmmu-test-robust-master"
#define ROB_LEGACY		"/iommu@1e0f0000"
#define ROB_LEGACY_MASTER	"/sysmmu-test-robust-master-legacy"
#define ROB_LEGACY_BASE		0x1e0f0000
#define ROB_LEGACY_CLOCK	"/sysmmu-test-robust-clock-legacy"
#define ROB_V5			SYSMMU_TEST_VERSION(5, 0)

/* v5 registers, from the hardware documentation. */
#define ROB_PT_BASE		0x0c
#define ROB_FLUSH_ALL		0x10
#define ROB_FLUSH_RANGE		0x18
#define ROB_FLUSH_START		0x20
#define ROB_FLUSH_END		0x24
#define ROB_INT_STATUS		0x60
#define ROB_INT_CLEAR		0x64
#define ROB_FAULT_VA		0x70
#define ROB_PT_BASE_SHIFT	12

static const phys_addr_t rob_base[ROB_NR] = {
	0x1e000000, 0x1e010000, 0x1e020000,
};

static const char * const rob_path[ROB_NR] = {
	ROB_GROUP "/iommu@1e000000",
	ROB_GROUP "/iommu@1e010000",
	ROB_GROUP "/iommu@1e020000",
};

static const char * const rob_clock[ROB_NR] = {
	"/sysmmu-test-robust-clock-0",
	"/sysmmu-test-robust-clock-1",
	"/sysmmu-test-robust-clock-2",
};

struct rob_test {
	struct sysmmu_test_model *model[ROB_NR];
	struct device *member[ROB_NR];
	struct device *group;
	struct device *master;
	struct device *legacy;
	struct device *legacy_master;
	/* What the allocation-failure sweeps work on. */
	struct device *target;
	struct iommu_domain *domain;
	struct iommu_domain *def;
	unsigned int registrations;
};

static struct rob_test *rob_ctx(struct kunit *test)
{
	return test->priv;
}

static int rob_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct rob_test), GFP_KERNEL);
	if (!test->priv)
		return -ENOMEM;
	sysmmu_test_drivers_register(test);
	return 0;
}

static struct device *rob_dev(struct kunit *test, const char *path)
{
	struct device *dev = sysmmu_test_find_dev(test, path);

	KUNIT_ASSERT_NOT_NULL_MSG(test, dev, "no device for %s", path);
	return dev;
}

/* The aggregate the IOMMU core may use for a node, or NULL. */
static struct sysmmu_aggregate *rob_registered(struct device *dev)
{
	return sysmmu_aggregate_find(dev_fwnode(dev));
}

/* Poll until a master probed asynchronously (deferred probing) is bound. */
static bool rob_wait_bound(struct device *dev)
{
	unsigned long timeout = jiffies + 5 * HZ;

	do {
		wait_for_device_probe();
		if (sysmmu_test_bound(dev))
			return true;
		usleep_range(200, 500);
	} while (time_before(jiffies, timeout));
	return false;
}

/* Nothing of an aggregate left: not usable, not in debugfs, no master. */
static void rob_expect_gone(struct kunit *test, struct device *agg_dev,
			    struct device *master)
{
	KUNIT_EXPECT_NULL(test, rob_registered(agg_dev));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_debugfs_has(dev_name(agg_dev)));
	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(master));
	KUNIT_EXPECT_FALSE(test, device_iommu_mapped(master));
	KUNIT_EXPECT_NULL(test, dev_iommu_fwspec_get(master));
}

/* The group, the standalone instance and their masters, all up. */
static void rob_setup(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct sysmmu_aggregate *agg;
	unsigned int i;

	for (i = 0; i < ROB_NR; i++)
		t->model[i] = sysmmu_test_model_add(test, rob_base[i], ROB_V5,
						    0, 0);
	sysmmu_test_model_add(test, ROB_LEGACY_BASE, ROB_V5, 0, 0);
	sysmmu_test_overlay(test, robust_test_group);
	for (i = 0; i < ROB_NR; i++)
		sysmmu_test_enable_clock(test, rob_clock[i]);
	sysmmu_test_enable_clock(test, ROB_LEGACY_CLOCK);
	sysmmu_test_settle();

	t->group = rob_dev(test, ROB_GROUP);
	t->master = rob_dev(test, ROB_MASTER);
	t->legacy = rob_dev(test, ROB_LEGACY);
	t->legacy_master = rob_dev(test, ROB_LEGACY_MASTER);
	for (i = 0; i < ROB_NR; i++)
		t->member[i] = rob_dev(test, rob_path[i]);
	agg = rob_registered(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_ASSERT_EQ(test, agg->nr_members, ROB_NR);
	KUNIT_ASSERT_TRUE(test, rob_wait_bound(t->master));
	KUNIT_ASSERT_TRUE(test, rob_wait_bound(t->legacy_master));
	KUNIT_ASSERT_NOT_NULL(test, rob_registered(t->legacy));
	t->def = iommu_get_domain_for_dev(t->master);
	KUNIT_ASSERT_NOT_NULL(test, t->def);
}

static struct sysmmu_member *rob_member(struct kunit *test, unsigned int i)
{
	struct sysmmu_member *m = sysmmu_test_member(rob_ctx(test)->member[i]);

	KUNIT_ASSERT_NOT_NULL(test, m);
	return m;
}

KUNIT_DEFINE_ACTION_WRAPPER(rob_rpm_put, pm_runtime_put_sync, struct device *);

/* Run the master, and through its device links every member. */
static void rob_power(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	unsigned int i;

	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->master), 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, rob_rpm_put, t->master));
	for (i = 0; i < ROB_NR; i++)
		sysmmu_test_wait_powered(test, rob_member(test, i), true);
}

static void rob_clear_logs(struct rob_test *t)
{
	unsigned int i;

	for (i = 0; i < ROB_NR; i++)
		sysmmu_test_model_clear_log(t->model[i]);
}

/* Every member points at @domain's table, in its registers too. */
static void rob_expect_table(struct kunit *test, struct iommu_domain *domain)
{
	phys_addr_t base = exynos_pt_base(to_sysmmu_domain(domain)->pt);
	struct rob_test *t = rob_ctx(test);
	unsigned int i;

	KUNIT_EXPECT_PTR_EQ(test, iommu_get_domain_for_dev(t->master), domain);
	for (i = 0; i < ROB_NR; i++) {
		struct sysmmu_member *m = rob_member(test, i);

		KUNIT_EXPECT_EQ_MSG(test, m->pt_base, base, "member %u", i);
		KUNIT_EXPECT_PTR_EQ(test, m->domain, domain);
		if (m->powered)
			KUNIT_EXPECT_EQ_MSG(test,
					    sysmmu_test_model_get(t->model[i],
								  ROB_PT_BASE),
					    base >> ROB_PT_BASE_SHIFT,
					    "member %u", i);
	}
}

/* Allocation-failure sweeps. */

#define ROB_SWEEP_MAX		5000

/**
 * struct rob_sweep - an operation whose allocations fail in turn
 * @run: the operation, run with the Nth allocation failing: must not
 *	allocate anything itself besides what it tests
 * @failed: checks that the state is what it was before @run
 * @undo: after a @run that succeeded: back to the state before it
 * @allocates: the operation is known to allocate memory
 */
struct rob_sweep {
	int (*run)(struct kunit *test);
	void (*failed)(struct kunit *test);
	void (*undo)(struct kunit *test);
	bool allocates;
};

/*
 * Fail the 1st, 2nd, ... allocation of the operation until it runs with no
 * failure injected. A failure may be tolerated (a debugfs file, a uevent,
 * kmemleak's own bookkeeping), in which case the operation succeeds and is
 * undone like any success; every other failure must return an error and
 * leave things as they were. The last run must succeed.
 */
static void rob_sweep(struct kunit *test, const struct rob_sweep *s)
{
	unsigned int n, failures = 0, tolerated = 0;
	bool hit = true;
	int ret = 0;

	sysmmu_test_fail_setup(test);
	for (n = 1; n <= ROB_SWEEP_MAX && hit; n++) {
		sysmmu_test_fail_nth(n);
		ret = s->run(test);
		hit = sysmmu_test_fail_hit();
		if (!hit)
			break;
		if (ret) {
			failures++;
			s->failed(test);
		} else {
			tolerated++;
			s->undo(test);
		}
		if (test->status == KUNIT_FAILURE) {
			kunit_err(test, "after failing allocation %u", n);
			return;
		}
	}
	KUNIT_ASSERT_FALSE_MSG(test, hit, "still failing after %u allocations",
			       ROB_SWEEP_MAX);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "fails with no allocation failed");
	if (s->allocates)
		KUNIT_EXPECT_GT(test, failures, 0);
	kunit_info(test, "%u allocation(s): %u failed the operation, %u tolerated\n",
		   n - 1, failures, tolerated);
}

static int rob_run_attach_dev(struct kunit *test)
{
	return device_attach(rob_ctx(test)->target) == 1 ? 0 : -ENODEV;
}

/*
 * Keep a master from binding while a registration is swept: a failure
 * injected into the registration's bus scan makes the IOMMU core skip the
 * master (it ignores the error of the master's DMA configuration there),
 * and the core would then configure it at driver bind, and warn. The last,
 * clean run configures it; it may bind after the sweep.
 */
static void rob_hold_master(struct kunit *test, struct device *master,
			    bool hold)
{
	int ret;

	KUNIT_ASSERT_EQ(test, device_set_driver_override(master,
							 hold ? "none" : ""),
			0);
	if (hold) {
		device_release_driver(master);
		return;
	}
	/* Binds, or defers until its IOMMU registers. */
	ret = device_attach(master);
	KUNIT_EXPECT_TRUE_MSG(test, ret >= 0 || ret == -EPROBE_DEFER,
			      "device_attach: %d", ret);
}

static void rob_undo_attach_dev(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct sysmmu_aggregate *agg;

	sysmmu_test_settle();
	device_release_driver(t->target);
	/* A tolerated failure still registered the group once more. */
	agg = sysmmu_test_group_agg(t->group);
	if (agg)
		t->registrations = agg->registrations;
}

/* A member probe that failed: the member is not bound, nothing registered. */
static void rob_member_failed(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct sysmmu_aggregate *agg = sysmmu_test_group_agg(t->group);

	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->target));
	rob_expect_gone(test, t->group, t->master);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	KUNIT_EXPECT_EQ(test, agg->registrations, t->registrations);
	/* Nothing half registered: no sysfs device, no blocking domain. */
	KUNIT_EXPECT_FALSE(test, agg->ready);
	KUNIT_EXPECT_NULL(test, agg->iommu.dev);
	KUNIT_EXPECT_NULL(test, agg->blocking);
}

/* A group member's probe on its own: the group still waits for another. */
static void rob_sweep_member_probe(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_attach_dev,
		.failed = rob_member_failed,
		.undo = rob_undo_attach_dev,
		.allocates = true,
	};
	struct rob_test *t = rob_ctx(test);

	rob_setup(test);
	rob_hold_master(test, t->master, true);
	device_release_driver(t->member[1]);
	device_release_driver(t->member[0]);
	t->target = t->member[0];
	t->registrations = sysmmu_test_group_agg(t->group)->registrations;
	rob_sweep(test, &s);
	rob_hold_master(test, t->master, false);
	KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(t->member[0]));
	KUNIT_EXPECT_NULL(test, rob_registered(t->group));
}

/* The last member's probe, which binds the group and registers it. */
static void rob_sweep_aggregate_bind(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_attach_dev,
		.failed = rob_member_failed,
		.undo = rob_undo_attach_dev,
		.allocates = true,
	};
	struct rob_test *t = rob_ctx(test);
	struct sysmmu_aggregate *agg;

	rob_setup(test);
	rob_hold_master(test, t->master, true);
	device_release_driver(t->member[2]);
	t->target = t->member[2];
	agg = sysmmu_test_group_agg(t->group);
	KUNIT_ASSERT_NOT_NULL(test, agg);
	t->registrations = agg->registrations;
	rob_sweep(test, &s);
	rob_hold_master(test, t->master, false);

	KUNIT_ASSERT_NOT_NULL(test, rob_registered(t->group));
	KUNIT_EXPECT_EQ(test, agg->nr_members, ROB_NR);
	KUNIT_EXPECT_TRUE(test, rob_wait_bound(t->master));
	KUNIT_EXPECT_TRUE(test, device_iommu_mapped(t->master));
}

static void rob_legacy_failed(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(t->legacy));
	rob_expect_gone(test, t->legacy, t->legacy_master);
}

/* A standalone instance: its probe registers an aggregate of one. */
static void rob_sweep_legacy_probe(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_attach_dev,
		.failed = rob_legacy_failed,
		.undo = rob_undo_attach_dev,
		.allocates = true,
	};
	struct rob_test *t = rob_ctx(test);

	rob_setup(test);
	rob_hold_master(test, t->legacy_master, true);
	device_release_driver(t->legacy);
	t->target = t->legacy;
	rob_sweep(test, &s);
	rob_hold_master(test, t->legacy_master, false);
	KUNIT_EXPECT_NOT_NULL(test, rob_registered(t->legacy));
	KUNIT_EXPECT_TRUE(test, rob_wait_bound(t->legacy_master));
}

static int rob_run_domain_alloc(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain = iommu_paging_domain_alloc(t->master);

	if (IS_ERR(domain))
		return PTR_ERR(domain);
	t->domain = domain;
	return 0;
}

static void rob_domain_unchanged(struct kunit *test)
{
	rob_expect_table(test, rob_ctx(test)->def);
}

static void rob_undo_domain_alloc(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	iommu_domain_free(t->domain);
	t->domain = NULL;
}

static void rob_sweep_domain_alloc(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_domain_alloc,
		.failed = rob_domain_unchanged,
		.undo = rob_undo_domain_alloc,
		.allocates = true,
	};
	struct rob_test *t = rob_ctx(test);

	rob_setup(test);
	rob_sweep(test, &s);
	KUNIT_ASSERT_NOT_NULL(test, t->domain);
	KUNIT_EXPECT_EQ(test, iommu_map(t->domain, SZ_1M, SZ_1G, SZ_4K,
					IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(t->domain, SZ_1M), SZ_1G);
	rob_undo_domain_alloc(test);
}

static int rob_run_attach(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	return iommu_attach_device(t->domain, t->master);
}

static void rob_undo_attach(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	iommu_detach_device(t->domain, t->master);
}

/* An attach: all members or none. */
static void rob_sweep_attach(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_attach,
		.failed = rob_domain_unchanged,
		.undo = rob_undo_attach,
	};
	struct rob_test *t = rob_ctx(test);

	rob_setup(test);
	rob_power(test);
	t->domain = sysmmu_test_domain_alloc(test, t->master);
	rob_sweep(test, &s);
	rob_expect_table(test, t->domain);
}

/* 4 KiB pages over five sections: level-2 tables to allocate. */
#define ROB_MAP_IOVA		0x100ff000UL
#define ROB_MAP_SIZE		(4 * SZ_1M + SZ_8K)
#define ROB_MAP_PA		0x80000000UL

static int rob_run_map(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	return iommu_map(t->domain, ROB_MAP_IOVA, ROB_MAP_PA, ROB_MAP_SIZE,
			 IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
}

/*
 * A map that failed mapped nothing, and left what was there. Level-2 tables
 * it linked may stay, empty (pgtable.c says so): only translation counts.
 */
static void rob_map_failed(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	unsigned long off;

	for (off = 0; off < ROB_MAP_SIZE; off += SZ_4K)
		if (iommu_iova_to_phys(t->domain, ROB_MAP_IOVA + off))
			break;
	KUNIT_EXPECT_EQ_MSG(test, off, ROB_MAP_SIZE, "mapped at %#lx",
			    ROB_MAP_IOVA + off);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(t->domain,
						 ROB_MAP_IOVA - SZ_4K),
			ROB_MAP_PA - SZ_4K);
}

static void rob_undo_map(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);

	KUNIT_EXPECT_EQ(test, iommu_unmap(t->domain, ROB_MAP_IOVA,
					  ROB_MAP_SIZE), ROB_MAP_SIZE);
}

static void rob_sweep_map(struct kunit *test)
{
	static const struct rob_sweep s = {
		.run = rob_run_map,
		.failed = rob_map_failed,
		.undo = rob_undo_map,
		.allocates = true,
	};
	struct rob_test *t = rob_ctx(test);
	unsigned long off;

	rob_setup(test);
	rob_power(test);
	t->domain = sysmmu_test_domain_alloc(test, t->master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(t->domain, t->master), 0);
	/* A neighbour in the first section, which must survive. */
	KUNIT_ASSERT_EQ(test, iommu_map(t->domain, ROB_MAP_IOVA - SZ_4K,
					ROB_MAP_PA - SZ_4K, SZ_4K, IOMMU_READ,
					GFP_KERNEL), 0);
	rob_sweep(test, &s);
	for (off = 0; off < ROB_MAP_SIZE; off += SZ_4K)
		if (iommu_iova_to_phys(t->domain, ROB_MAP_IOVA + off) !=
		    ROB_MAP_PA + off)
			break;
	KUNIT_EXPECT_EQ(test, off, ROB_MAP_SIZE);
}

/* Probe order: a zuma ISP-like group of nine. */

#define ROB_ISP_NR		9
#define ROB_ISP_GROUP		"/sysmmu-test-isp-group"
#define ROB_ISP_MASTER		"/sysmmu-test-isp-master"
#define ROB_ISP_BASE		0x1e200000
#define ROB_ISP_STRIDE		0x10000
#define ROB_V9			0x90000000
#define ROB_V9_SWALKER		2
#define ROB_V9_PMMU_INFO	0x00400001
#define ROB_ORDERS		50

static const u32 rob_seeds[ROB_ORDERS] = {
	0x5eed0001, 0x5eed0002, 0x5eed0003, 0x5eed0004, 0x5eed0005,
	0x5eed0006, 0x5eed0007, 0x5eed0008, 0x5eed0009, 0x5eed000a,
	0x5eed000b, 0x5eed000c, 0x5eed000d, 0x5eed000e, 0x5eed000f,
	0x5eed0010, 0x5eed0011, 0x5eed0012, 0x5eed0013, 0x5eed0014,
	0x5eed0015, 0x5eed0016, 0x5eed0017, 0x5eed0018, 0x5eed0019,
	0x5eed001a, 0x5eed001b, 0x5eed001c, 0x5eed001d, 0x5eed001e,
	0x5eed001f, 0x5eed0020, 0x5eed0021, 0x5eed0022, 0x5eed0023,
	0x5eed0024, 0x5eed0025, 0x5eed0026, 0x5eed0027, 0x5eed0028,
	0x5eed0029, 0x5eed002a, 0x5eed002b, 0x5eed002c, 0x5eed002d,
	0x5eed002e, 0x5eed002f, 0x5eed0030, 0x5eed0031, 0x5eed0032,
};

static void rob_seed_desc(const u32 *seed, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "seed %#x", *seed);
}

KUNIT_ARRAY_PARAM(rob_seed, rob_seeds, rob_seed_desc);

static void rob_isp_path(char *buf, size_t size, unsigned int i)
{
	snprintf(buf, size, ROB_ISP_GROUP "/iommu@%x",
		 ROB_ISP_BASE + i * ROB_ISP_STRIDE);
}

/*
 * The instances finish probing in a random order; before each, a random
 * instance still waiting for its clock is probed again (and defers again),
 * and a random number of clocks come at once, so that probes run together.
 * After every step the aggregate is registered exactly when all nine are
 * bound, never more than once.
 */
static void rob_isp_order(struct kunit *test)
{
	const u32 *seed = test->param_value;
	struct device *group, *master, *member[ROB_ISP_NR];
	unsigned int order[ROB_ISP_NR], i, j, step, nr_up = 0, up, want;
	struct sysmmu_aggregate *agg;
	struct rnd_state rnd;
	char path[64];

	prandom_seed_state(&rnd, *seed);
	for (i = 0; i < ROB_ISP_NR; i++) {
		struct sysmmu_test_model *m;

		m = sysmmu_test_model_add(test, ROB_ISP_BASE + i * ROB_ISP_STRIDE,
					  ROB_V9, 0, 0);
		sysmmu_test_model_v9_pmmus(m, ROB_V9_SWALKER, ROB_V9_PMMU_INFO);
		order[i] = i;
	}
	/* Fisher-Yates, from the seed (swap() evaluates its operands twice). */
	for (i = ROB_ISP_NR - 1; i > 0; i--) {
		j = prandom_u32_state(&rnd) % (i + 1);
		swap(order[i], order[j]);
	}

	sysmmu_test_overlay(test, robust_test_isp);
	sysmmu_test_settle();
	group = rob_dev(test, ROB_ISP_GROUP);
	master = rob_dev(test, ROB_ISP_MASTER);
	for (i = 0; i < ROB_ISP_NR; i++) {
		rob_isp_path(path, sizeof(path), i);
		member[i] = rob_dev(test, path);
	}
	sysmmu_test_require_deferral(test, master);
	agg = sysmmu_test_group_agg(group);
	KUNIT_ASSERT_NOT_NULL(test, agg);

	for (step = 0; step < ROB_ISP_NR; ) {
		unsigned int batch = 1 + prandom_u32_state(&rnd) % 3;

		/* An extra deferral of an instance still without its clock. */
		if (step < ROB_ISP_NR - 1 && prandom_u32_state(&rnd) % 2) {
			j = step + 1 + prandom_u32_state(&rnd) %
				       (ROB_ISP_NR - step - 1);
			KUNIT_EXPECT_EQ(test, device_attach(member[order[j]]), 0);
		}
		for (; batch && step < ROB_ISP_NR; batch--, step++) {
			snprintf(path, sizeof(path), "/sysmmu-test-isp-clock-%u",
				 order[step]);
			sysmmu_test_enable_clock(test, path);
		}
		sysmmu_test_settle();

		for (i = 0, nr_up = 0, up = 0; i < ROB_ISP_NR; i++) {
			nr_up += sysmmu_test_bound(member[i]);
			up |= sysmmu_test_bound(member[i]) << i;
		}
		for (i = 0, want = 0; i < step; i++)
			want |= BIT(order[i]);
		KUNIT_ASSERT_EQ_MSG(test, up, want, "step %u: %u bound", step,
				    nr_up);
		KUNIT_ASSERT_EQ_MSG(test, agg->registrations,
				    step == ROB_ISP_NR ? 1 : 0,
				    "%u of %u bound, %u bound to the group, group %s",
				    nr_up, ROB_ISP_NR, agg->nr_members,
				    sysmmu_test_bound(group) ? "bound" : "unbound");
		KUNIT_EXPECT_EQ(test, !!rob_registered(group),
				step == ROB_ISP_NR);
	}
	KUNIT_EXPECT_EQ(test, agg->nr_members, ROB_ISP_NR);
	KUNIT_EXPECT_TRUE(test, rob_wait_bound(master));
	KUNIT_ASSERT_TRUE(test, device_iommu_mapped(master));
	KUNIT_EXPECT_PTR_EQ(test, master->iommu->iommu_dev, &agg->iommu);
	KUNIT_EXPECT_EQ(test, agg->registrations, 1);
}

/* Lifecycle. */

#define ROB_CYCLES		1000
#define ROB_CYCLE_IOVA		0x20000000UL

/*
 * A master that went with its aggregate: unbound, out of the IOMMU core,
 * every member in bypass and pointing at no domain.
 */
static void rob_expect_clean_detach(struct kunit *test, unsigned int cycle)
{
	struct rob_test *t = rob_ctx(test);
	unsigned int i;

	KUNIT_EXPECT_FALSE_MSG(test, sysmmu_test_bound(t->master),
			       "cycle %u", cycle);
	KUNIT_EXPECT_FALSE(test, device_iommu_mapped(t->master));
	KUNIT_EXPECT_NULL(test, t->master->iommu);
	KUNIT_EXPECT_NULL(test, rob_registered(t->group));
	for (i = 0; i < ROB_NR; i++) {
		struct sysmmu_member *m = sysmmu_test_member(t->member[i]);

		KUNIT_EXPECT_EQ_MSG(test,
				    sysmmu_test_model_get(t->model[i],
							  SYSMMU_REG_CTRL) &
				    SYSMMU_CTRL_ENABLE, 0,
				    "member %u, cycle %u", i, cycle);
		if (!m)
			continue;
		KUNIT_EXPECT_EQ(test, m->pt_base, 0);
		KUNIT_EXPECT_NULL(test, m->domain);
	}
}

static void rob_detach_at_unbind(void *data)
{
	struct device *master = data;
	struct iommu_domain *domain = iommu_get_domain_for_dev(master);

	if (domain && domain->type == IOMMU_DOMAIN_UNMANAGED)
		iommu_detach_device(domain, master);
}

/*
 * Attach an unmanaged domain the way a master's driver does: detached when
 * the driver unbinds (the IOMMU core requires it before the master leaves
 * its group), here through a devres action of the bound master.
 */
static int rob_attach_as_driver(struct iommu_domain *domain,
				struct device *master)
{
	int ret = iommu_attach_device(domain, master);

	if (ret)
		return ret;
	return devm_add_action_or_reset(master, rob_detach_at_unbind, master);
}

/*
 * Odd cycles: an unmanaged domain attached with a mapping, which outlives
 * the aggregate and is freed after it went. Even cycles: a DMA API mapping
 * of the default domain, left for the aggregate's teardown.
 */
static struct iommu_domain *rob_cycle_map(struct kunit *test,
					  unsigned int cycle, void *buf)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain = NULL;
	dma_addr_t dma;

	if (cycle % 2) {
		domain = iommu_paging_domain_alloc(t->master);
		KUNIT_ASSERT_FALSE(test, IS_ERR(domain));
		if (rob_attach_as_driver(domain, t->master) ||
		    iommu_map(domain, ROB_CYCLE_IOVA, virt_to_phys(buf), SZ_4K,
			      IOMMU_READ, GFP_KERNEL)) {
			iommu_domain_free(domain);
			KUNIT_FAIL_AND_ABORT(test, "cannot map, cycle %u", cycle);
		}
	} else {
		dma = dma_map_single(t->master, buf, SZ_4K, DMA_TO_DEVICE);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, dma));
		KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(t->def, dma),
				virt_to_phys(buf));
	}
	return domain;
}

static void rob_cycles(struct kunit *test, bool whole_group)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain;
	unsigned int cycle, i;
	void *buf;

	rob_setup(test);
	buf = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (cycle = 0; cycle < ROB_CYCLES; cycle++) {
		t->def = iommu_get_domain_for_dev(t->master);
		KUNIT_ASSERT_NOT_NULL(test, t->def);
		domain = rob_cycle_map(test, cycle, buf);

		device_release_driver(whole_group ? t->group : t->member[1]);
		rob_expect_clean_detach(test, cycle);
		if (domain)
			iommu_domain_free(domain);

		KUNIT_ASSERT_EQ(test, device_attach(whole_group ? t->group :
						    t->member[1]), 1);
		if (whole_group) {
			/*
			 * New instance devices: the group populated them
			 * again, and they probed as they were added.
			 */
			if (!rob_registered(t->group))
				sysmmu_test_settle();
			for (i = 0; i < ROB_NR; i++) {
				sysmmu_test_put_dev(test, t->member[i]);
				t->member[i] = rob_dev(test, rob_path[i]);
			}
		}
		KUNIT_ASSERT_NOT_NULL_MSG(test, rob_registered(t->group),
					  "cycle %u", cycle);
		/*
		 * Deferred probing binds the master again, from a work item;
		 * binding it here is the same probe, without waiting for it.
		 */
		if (device_attach(t->master) != 1)
			KUNIT_ASSERT_TRUE_MSG(test, rob_wait_bound(t->master),
					      "cycle %u", cycle);
		if (test->status == KUNIT_FAILURE)
			return;
	}
	KUNIT_EXPECT_EQ(test, sysmmu_test_group_agg(t->group)->registrations,
			whole_group ? 1 : ROB_CYCLES + 1);
}

static void rob_cycle_member(struct kunit *test)
{
	rob_cycles(test, false);
}

static void rob_cycle_group(struct kunit *test)
{
	rob_cycles(test, true);
}

/* Concurrency: four threads on one domain. */

#define ROB_THREADS		4
#define ROB_OPS			100000
#define ROB_SLOTS		64	/* per thread */
#define ROB_SLOT_SIZE		SZ_16K	/* a 4 KiB page at the start of each */
#define ROB_CONC_IOVA		0x30000000UL
#define ROB_CONC_PA		0x90000000UL

struct rob_conc {
	struct iommu_domain *domain;
	bool shared;
	DECLARE_BITMAP(owned, ROB_THREADS * ROB_SLOTS);
	DECLARE_BITMAP(mapped, ROB_THREADS * ROB_SLOTS);
	atomic_t ops;
	atomic_t errors;
	atomic_t running;
	struct completion done;
	unsigned long bad_iova;
	phys_addr_t bad_got;
};

struct rob_worker {
	struct rob_conc *c;
	unsigned int id;
	struct task_struct *task;
};

static unsigned long rob_slot_iova(unsigned int slot)
{
	return ROB_CONC_IOVA + slot * ROB_SLOT_SIZE;
}

static phys_addr_t rob_slot_pa(unsigned int slot)
{
	return ROB_CONC_PA + slot * SZ_4K;
}

static void rob_conc_error(struct rob_conc *c, unsigned long iova,
			   phys_addr_t got)
{
	if (atomic_inc_return(&c->errors) == 1) {
		c->bad_iova = iova;
		c->bad_got = got;
	}
}

/*
 * One operation on a slot: threads own the slots they map and unmap (their
 * own range, or any free slot of the shared range), so the reference of an
 * owned slot is exact; a slot another thread owns may read as unmapped or
 * as its one mapping, never as anything else.
 */
static void rob_conc_op(struct rob_conc *c, struct rnd_state *rnd,
			unsigned int id)
{
	unsigned int nr = c->shared ? ROB_THREADS * ROB_SLOTS : ROB_SLOTS;
	unsigned int slot = prandom_u32_state(rnd) % nr;
	phys_addr_t pa;
	size_t size;

	if (!c->shared)
		slot += id * ROB_SLOTS;
	if (prandom_u32_state(rnd) % 3 == 0 ||
	    test_and_set_bit_lock(slot, c->owned)) {
		pa = iommu_iova_to_phys(c->domain, rob_slot_iova(slot));
		if (pa && pa != rob_slot_pa(slot))
			rob_conc_error(c, rob_slot_iova(slot), pa);
		return;
	}
	if (test_bit(slot, c->mapped)) {
		size = iommu_unmap(c->domain, rob_slot_iova(slot), SZ_4K);
		if (size != SZ_4K)
			rob_conc_error(c, rob_slot_iova(slot), size);
		clear_bit(slot, c->mapped);
	} else {
		if (iommu_map(c->domain, rob_slot_iova(slot), rob_slot_pa(slot),
			      SZ_4K, IOMMU_READ | IOMMU_WRITE, GFP_KERNEL))
			rob_conc_error(c, rob_slot_iova(slot), 0);
		else
			set_bit(slot, c->mapped);
	}
	pa = iommu_iova_to_phys(c->domain, rob_slot_iova(slot));
	if (pa != (test_bit(slot, c->mapped) ? rob_slot_pa(slot) : 0))
		rob_conc_error(c, rob_slot_iova(slot), pa);
	clear_bit_unlock(slot, c->owned);
}

static int rob_conc_thread(void *data)
{
	struct rob_worker *w = data;
	struct rob_conc *c = w->c;
	struct rnd_state rnd;
	unsigned int i;

	prandom_seed_state(&rnd, 0x5eed + w->id);
	for (i = 0; i < ROB_OPS / ROB_THREADS; i++) {
		rob_conc_op(c, &rnd, w->id);
		atomic_inc(&c->ops);
		if (!(i % 256))
			cond_resched();
	}
	if (atomic_dec_and_test(&c->running))
		complete(&c->done);
	/* kthread_stop() needs the thread still there. */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void rob_concurrent(struct kunit *test, bool shared)
{
	struct rob_worker *w;
	struct rob_test *t = rob_ctx(test);
	unsigned int i, slot, nr_mapped = 0;
	struct rob_conc *c;
	phys_addr_t pa;

	rob_setup(test);
	rob_power(test);
	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	w = kunit_kcalloc(test, ROB_THREADS, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, w);
	c->shared = shared;
	c->domain = sysmmu_test_domain_alloc(test, t->master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(c->domain, t->master), 0);
	atomic_set(&c->running, ROB_THREADS);
	init_completion(&c->done);

	for (i = 0; i < ROB_THREADS; i++) {
		w[i].c = c;
		w[i].id = i;
		w[i].task = kthread_run(rob_conc_thread, &w[i],
					"sysmmu-robust/%u", i);
		if (IS_ERR(w[i].task)) {
			KUNIT_FAIL(test, "no thread %u", i);
			/* The others still need their operations counted. */
			if (atomic_dec_and_test(&c->running))
				complete(&c->done);
			w[i].task = NULL;
		}
	}
	wait_for_completion(&c->done);
	for (i = 0; i < ROB_THREADS; i++)
		if (w[i].task)
			kthread_stop(w[i].task);

	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&c->errors), 0,
			    "first: IOVA %#lx gave %pa", c->bad_iova,
			    &c->bad_got);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->ops), ROB_OPS);
	/* The table agrees with the reference, slot by slot. */
	for (slot = 0; slot < ROB_THREADS * ROB_SLOTS; slot++) {
		pa = iommu_iova_to_phys(c->domain, rob_slot_iova(slot));
		nr_mapped += test_bit(slot, c->mapped);
		KUNIT_EXPECT_EQ_MSG(test, pa,
				    test_bit(slot, c->mapped) ?
				    rob_slot_pa(slot) : 0, "slot %u", slot);
		pa = iommu_iova_to_phys(c->domain,
					rob_slot_iova(slot) + SZ_4K);
		KUNIT_EXPECT_EQ(test, pa, 0);
	}
	kunit_info(test, "%u slots mapped at the end\n", nr_mapped);
}

static void rob_concurrent_disjoint(struct kunit *test)
{
	rob_concurrent(test, false);
}

static void rob_concurrent_shared(struct kunit *test)
{
	rob_concurrent(test, true);
}

/* A fault storm on one member while the domain is being unmapped. */

#define ROB_STORM_FAULTS	5000
#define ROB_STORM_IOVA		0x40000000UL
#define ROB_STORM_PAGES		64
#define ROB_V5_READ_PAGE_FAULT	BIT(1)

struct rob_storm {
	struct sysmmu_member *member;
	struct sysmmu_test_model *model;
	atomic_t reports;
	unsigned int handled;
	unsigned int injected;
	struct completion done;
};

static int rob_storm_handler(struct iommu_domain *domain, struct device *dev,
			     unsigned long iova, int flags, void *data)
{
	struct rob_storm *s = data;

	/* Every other fault is left unhandled: logged, rate-limited. */
	return atomic_inc_return(&s->reports) % 2 ? 0 : -EAGAIN;
}

static int rob_storm_thread(void *data)
{
	struct rob_storm *s = data;
	unsigned int i;

	for (i = 0; i < ROB_STORM_FAULTS; i++) {
		sysmmu_test_model_set(s->model, ROB_FAULT_VA,
				      ROB_STORM_IOVA + (i % ROB_STORM_PAGES) *
				      SZ_4K);
		sysmmu_test_model_set(s->model, ROB_INT_STATUS,
				      ROB_V5_READ_PAGE_FAULT);
		/* What the interrupt handler runs. */
		s->handled += sysmmu_fault_handle(s->member);
		if (!(i % 64))
			cond_resched();
	}
	s->injected = i;
	complete(&s->done);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void rob_fault_storm(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain;
	struct task_struct *task;
	unsigned long start, rounds = 0, seconds;
	unsigned int logged;
	struct rob_storm *s;
	u64 mark;

	rob_setup(test);
	rob_power(test);
	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->member = rob_member(test, 0);
	s->model = t->model[0];
	s->model->int_status = ROB_INT_STATUS;
	s->model->int_clear = ROB_INT_CLEAR;
	init_completion(&s->done);
	domain = sysmmu_test_domain_alloc(test, t->master);
	iommu_set_fault_handler(domain, rob_storm_handler, s);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);

	mark = sysmmu_test_log_mark();
	start = jiffies;
	task = kthread_run(rob_storm_thread, s, "sysmmu-robust-storm");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	while (!completion_done(&s->done)) {
		if (iommu_map(domain, ROB_STORM_IOVA, ROB_MAP_PA,
			      ROB_STORM_PAGES * SZ_4K, IOMMU_READ,
			      GFP_KERNEL)) {
			KUNIT_FAIL(test, "map failed in round %lu", rounds);
			break;
		}
		KUNIT_EXPECT_EQ(test, iommu_unmap(domain, ROB_STORM_IOVA,
						  ROB_STORM_PAGES * SZ_4K),
				ROB_STORM_PAGES * SZ_4K);
		rounds++;
		cond_resched();
	}
	wait_for_completion(&s->done);
	kthread_stop(task);
	seconds = DIV_ROUND_UP(jiffies - start, HZ);

	KUNIT_EXPECT_EQ(test, s->injected, ROB_STORM_FAULTS);
	KUNIT_EXPECT_EQ(test, s->handled, ROB_STORM_FAULTS);
	KUNIT_EXPECT_EQ(test, s->member->fault_count, ROB_STORM_FAULTS);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->reports), ROB_STORM_FAULTS);
	/* Each fault cleared: nothing left pending. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_model_get(s->model, ROB_INT_STATUS),
			0);
	/* The unhandled half is logged at most a burst per interval. */
	logged = sysmmu_test_log_count(test, mark, "unhandled",
				       dev_name(t->member[0]));
	KUNIT_EXPECT_GT(test, logged, 0);
	KUNIT_EXPECT_LE(test, logged, DEFAULT_RATELIMIT_BURST *
			(seconds * HZ / DEFAULT_RATELIMIT_INTERVAL + 1));
	KUNIT_EXPECT_GT(test, rounds, 0);
	/* The other members saw none of it, and the domain still works. */
	KUNIT_EXPECT_EQ(test, rob_member(test, 1)->fault_count, 0);
	KUNIT_EXPECT_EQ(test, iommu_map(domain, ROB_STORM_IOVA, ROB_MAP_PA,
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_EXPECT_EQ(test, iommu_iova_to_phys(domain, ROB_STORM_IOVA),
			ROB_MAP_PA);
	kunit_info(test, "%lu map/unmap rounds during %u faults, %u lines logged\n",
		   rounds, ROB_STORM_FAULTS, logged);
}

/* Bad devicetrees. */

#define ROB_BAD_CLOCK		"/sysmmu-test-bad-clock"

/**
 * enum rob_bad_outcome - what the driver does with a defect
 * @ROB_BAD_REFUSED: the device refuses to probe, saying why; no aggregate
 *	registers, the master is not behind any IOMMU
 * @ROB_BAD_MEMBER_REFUSED: a group member refuses to probe, saying why;
 *	the group waits for it and registers nothing
 * @ROB_BAD_MASTER_REFUSED: the IOMMU is fine; the master's reference is
 *	refused by the devicetree core, which says why, and the master
 *	binds without an IOMMU (the IOMMU core's choice)
 * @ROB_BAD_ONE_OF_TWO: two nodes claim one instance: whichever probes
 *	second is refused
 * @ROB_BAD_HARMLESS: harmless at run time, rejected by the schema only;
 *	the node works as if the defect were not there
 */
enum rob_bad_outcome {
	ROB_BAD_REFUSED,
	ROB_BAD_MEMBER_REFUSED,
	ROB_BAD_MASTER_REFUSED,
	ROB_BAD_ONE_OF_TWO,
	ROB_BAD_HARMLESS,
};

/**
 * struct rob_bad - one defect of tests/dts/bad, in robust_test_bad.dtso
 * @name: the fixture
 * @outcome: what the driver must do
 * @node: the node that is refused (or works)
 * @agg: the node masters reference (its group), if not @node
 * @master: the master behind it, if any
 * @msg: what the refusal says, in a line naming @node's device (or, for
 *	@ROB_BAD_MASTER_REFUSED, the master's node)
 * @clock: the clock provider the node needs
 */
struct rob_bad {
	const char *name;
	enum rob_bad_outcome outcome;
	const char *node;
	const char *agg;
	const char *master;
	const char *msg;
	bool clock;
};

static void rob_bad_desc(const struct rob_bad *b, char *desc)
{
	strscpy(desc, b->name, KUNIT_PARAM_DESC_SIZE);
}

/* Groups the driver refuses. */
static const struct rob_bad rob_bad_groups[] = {
	{
		"group-no-members", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-no-members", NULL,
		"/sysmmu-test-bad-no-members-master",
		"group has no System MMU instances",
	}, {
		"group-iommu-cells-1", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-cells-1", NULL,
		"/sysmmu-test-bad-cells-1-master",
		"#iommu-cells must be 0, not 1",
	}, {
		"group-without-iommu-cells", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-no-cells", NULL,
		"/sysmmu-test-bad-no-cells-master",
		"missing #iommu-cells: masters cannot reference",
	}, {
		"group-non-iommu-child", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-child", NULL, "/sysmmu-test-bad-child-master",
		"dma-controller@1e470000 is not a System MMU instance",
	}, {
		"member-has-iommu-cells", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-member-cells", NULL,
		"/sysmmu-test-bad-member-cells-master",
		"has #iommu-cells: masters must reference the group",
	}, {
		"wrong-compatible", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-compatible", NULL, NULL,
		"iommu@1e4d0000 is not a System MMU instance",
	}, {
		"mixed-soc-group", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-mixed", NULL, NULL,
		"iommu@1e4f0000 is not compatible with google,zuma-sysmmu",
	}, {
		/* Its master's traffic through that port would bypass. */
		"group-member-disabled", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-disabled", NULL,
		"/sysmmu-test-bad-disabled-master",
		"iommu@1e580000 is disabled: the master's port behind it",
	}, {
		/*
		 * The master's reference cannot be parsed (the member has no
		 * #iommu-cells), so the core lets that master bind without an
		 * IOMMU; the group is refused so that nothing pretends to
		 * translate for it.
		 */
		"master-references-member", ROB_BAD_REFUSED,
		"/sysmmu-test-bad-ref-member", NULL, NULL,
		"lists member",
	},
};

KUNIT_ARRAY_PARAM(rob_bad_group, rob_bad_groups, rob_bad_desc);

/* Instances the driver refuses. */
static const struct rob_bad rob_bad_members[] = {
	{
		"member-missing-reg", ROB_BAD_MEMBER_REFUSED,
		"/sysmmu-test-bad-no-reg/iommu@1e410000",
		"/sysmmu-test-bad-no-reg", "/sysmmu-test-bad-no-reg-master",
		"no register window (reg)",
	}, {
		"missing-interrupts", ROB_BAD_MEMBER_REFUSED,
		"/sysmmu-test-bad-no-irq/iommu@1e420000",
		"/sysmmu-test-bad-no-irq", "/sysmmu-test-bad-no-irq-master",
		"IRQ index 0 not found",
	}, {
		"legacy-missing-iommu-cells", ROB_BAD_REFUSED,
		"/iommu@1e4a0000", NULL, "/sysmmu-test-bad-legacy-cells-master",
		"missing #iommu-cells: masters cannot reference",
	}, {
		"legacy-bad-clock-names", ROB_BAD_REFUSED,
		"/iommu@1e4b0000", NULL, NULL,
		"clock-names must be", true,
	}, {
		"duplicate-unit-address", ROB_BAD_ONE_OF_TWO,
		"/sysmmu@1e4c0000", "/sysmmu-test-bad-dup", NULL,
		"can't request region for resource",
	},
};

KUNIT_ARRAY_PARAM(rob_bad_member, rob_bad_members, rob_bad_desc);

/* Masters whose reference is wrong. */
static const struct rob_bad rob_bad_masters[] = {
	{
		"legacy-missing-iommu-cells (master)", ROB_BAD_MASTER_REFUSED,
		"/iommu@1e4a0000", NULL, "/sysmmu-test-bad-legacy-cells-master",
		"could not get #iommu-cells for",
	},
};

KUNIT_ARRAY_PARAM(rob_bad_master, rob_bad_masters, rob_bad_desc);

/* v9 stream tables the driver refuses. */
static const struct rob_bad rob_bad_streams[] = {
	{
		"streams-without-default", ROB_BAD_REFUSED, "/iommu@1e530000",
		NULL, NULL, "samsung,pmmu-streams: needs",
	}, {
		"stream-table-row-length", ROB_BAD_REFUSED, "/iommu@1e540000",
		NULL, NULL, "must be rows of",
	}, {
		"stream-table-bad-direction", ROB_BAD_REFUSED, "/iommu@1e550000",
		NULL, NULL, "row 0: PMMU 8 has no cell",
	}, {
		"stream-table-entry-zero", ROB_BAD_REFUSED, "/iommu@1e560000",
		NULL, NULL, "row 0: entry 0 out of range",
	},
};

KUNIT_ARRAY_PARAM(rob_bad_stream, rob_bad_streams, rob_bad_desc);

/*
 * Defects the schema rejects but the driver has no reason to: the driver
 * uses interrupt 0 only (the second is the secure one); clocks on a v9
 * instance are enabled with it (the suites' zuma overlays use them as
 * their ordering lever); power domains are the master's device links'
 * business, through runtime PM; a non-v9 instance has no stream tables to
 * program. Each node works as without the defect.
 */
static const struct rob_bad rob_bad_harmless_defects[] = {
	{
		"too-many-interrupts", ROB_BAD_HARMLESS,
		"/sysmmu-test-bad-3-irqs/iommu@1e430000", "/sysmmu-test-bad-3-irqs",
		"/sysmmu-test-bad-3-irqs-master",
	}, {
		"v9-member-with-clocks", ROB_BAD_HARMLESS, "/iommu@1e500000",
		NULL, NULL, NULL, true,
	}, {
		"zuma-missing-power-domains", ROB_BAD_HARMLESS,
		"/iommu@1e510000",
	}, {
		"gs101-streams-not-v9", ROB_BAD_HARMLESS, "/iommu@1e520000",
	},
};

KUNIT_ARRAY_PARAM(rob_bad_harmless, rob_bad_harmless_defects, rob_bad_desc);

/* Register models behind every instance of robust_test_bad.dtso. */
static void rob_bad_models(struct kunit *test)
{
	static const phys_addr_t v5[] = {
		0x1e420000, 0x1e430000, 0x1e440000, 0x1e450000, 0x1e460000,
		0x1e480000, 0x1e490000, 0x1e4a0000, 0x1e4b0000, 0x1e4c0000,
	};
	static const phys_addr_t v9[] = {
		0x1e4d0000, 0x1e4e0000, 0x1e500000, 0x1e510000, 0x1e530000,
		0x1e540000, 0x1e550000, 0x1e560000,
	};
	static const phys_addr_t v8[] = { 0x1e4f0000, 0x1e520000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(v5); i++)
		sysmmu_test_model_add(test, v5[i], ROB_V5, 0, 0);
	for (i = 0; i < ARRAY_SIZE(v9); i++)
		sysmmu_test_model_v9_pmmus(sysmmu_test_model_add(test, v9[i],
								 ROB_V9, 0, 0),
					   ROB_V9_SWALKER, ROB_V9_PMMU_INFO);
	/* gs101: 8.1 in the downstream decode, VM capable. */
	for (i = 0; i < ARRAY_SIZE(v8); i++)
		sysmmu_test_model_add(test, v8[i], 0x80240000, BIT(11),
				      BIT(14));
}

static void rob_bad(struct kunit *test)
{
	const struct rob_bad *b = test->param_value;
	struct device *dev, *agg_dev, *master = NULL, *other;
	struct device_node *np;
	unsigned int said;
	u64 mark;

	rob_bad_models(test);
	mark = sysmmu_test_log_mark();
	sysmmu_test_overlay(test, robust_test_bad);
	if (b->clock)
		sysmmu_test_enable_clock(test, ROB_BAD_CLOCK);
	sysmmu_test_settle();

	dev = sysmmu_test_find_dev(test, b->node);
	agg_dev = b->agg ? sysmmu_test_find_dev(test, b->agg) : dev;
	if (b->master) {
		master = rob_dev(test, b->master);
		if (b->outcome != ROB_BAD_MASTER_REFUSED)
			sysmmu_test_require_deferral(test, master);
	}

	switch (b->outcome) {
	case ROB_BAD_REFUSED:
	case ROB_BAD_MEMBER_REFUSED:
		/* A member without reg has a device, without resources. */
		KUNIT_ASSERT_NOT_NULL(test, dev);
		KUNIT_EXPECT_FALSE(test, sysmmu_test_bound(dev));
		KUNIT_EXPECT_EQ(test, sysmmu_test_bound(agg_dev),
				b->outcome == ROB_BAD_MEMBER_REFUSED);
		KUNIT_EXPECT_NULL(test, rob_registered(agg_dev));
		KUNIT_EXPECT_FALSE(test,
				   sysmmu_test_debugfs_has(dev_name(agg_dev)));
		if (master) {
			KUNIT_EXPECT_FALSE(test, device_iommu_mapped(master));
			KUNIT_EXPECT_NULL(test, dev_iommu_fwspec_get(master));
		}
		said = sysmmu_test_log_count(test, mark, b->msg, dev_name(dev));
		KUNIT_EXPECT_GE_MSG(test, said, 1, "no \"%s\" from %s", b->msg,
				    dev_name(dev));
		break;
	case ROB_BAD_MASTER_REFUSED:
		KUNIT_ASSERT_NOT_NULL(test, master);
		KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(master));
		KUNIT_EXPECT_FALSE(test, device_iommu_mapped(master));
		KUNIT_EXPECT_NULL(test, dev_iommu_fwspec_get(master));
		np = master->of_node;
		said = sysmmu_test_log_count(test, mark, b->msg, np->full_name);
		KUNIT_EXPECT_GE_MSG(test, said, 1, "no \"%s\" for %pOF", b->msg,
				    np);
		break;
	case ROB_BAD_ONE_OF_TWO:
		/* The group's member at the same address. */
		other = rob_dev(test, "/sysmmu-test-bad-dup/iommu@1e4c0000");
		KUNIT_ASSERT_NOT_NULL(test, dev);
		KUNIT_EXPECT_NE(test, sysmmu_test_bound(dev),
				sysmmu_test_bound(other));
		KUNIT_EXPECT_NE(test, !!rob_registered(dev),
				!!rob_registered(agg_dev));
		said = sysmmu_test_log_count(test, mark, b->msg,
					     dev_name(sysmmu_test_bound(dev) ?
						      other : dev));
		KUNIT_EXPECT_GE(test, said, 1);
		break;
	case ROB_BAD_HARMLESS:
		KUNIT_ASSERT_NOT_NULL(test, dev);
		KUNIT_EXPECT_TRUE(test, sysmmu_test_bound(dev));
		KUNIT_EXPECT_NOT_NULL(test, rob_registered(agg_dev));
		if (master) {
			KUNIT_EXPECT_TRUE(test, rob_wait_bound(master));
			KUNIT_EXPECT_TRUE(test, device_iommu_mapped(master));
		}
		break;
	}
}

static void rob_bad_group(struct kunit *test)
{
	rob_bad(test);
}

static void rob_bad_member(struct kunit *test)
{
	rob_bad(test);
}

static void rob_bad_master(struct kunit *test)
{
	rob_bad(test);
}

static void rob_bad_stream(struct kunit *test)
{
	rob_bad(test);
}

static void rob_bad_harmless(struct kunit *test)
{
	rob_bad(test);
}

/* Isolation. */

#define ROB_ISO_IOVA		0x50000000UL
/* Not 64 KiB aligned: 4 KiB pages only, which unmap may cut anywhere. */
#define ROB_ISO_PA		(ROB_MAP_PA + SZ_4K)

/* The table a member translates with, from its registers; 0: bypass. */
static phys_addr_t rob_hw_table(struct rob_test *t, unsigned int i)
{
	if (!(sysmmu_test_model_get(t->model[i], SYSMMU_REG_CTRL) &
	      SYSMMU_CTRL_ENABLE))
		return 0;
	return (phys_addr_t)sysmmu_test_model_get(t->model[i], ROB_PT_BASE) <<
	       ROB_PT_BASE_SHIFT;
}

/*
 * What the instance can reach at @iova: every table it may be pointed at
 * is one of @domains (or the aggregate's blocking table); anything else is
 * a failure.
 */
static phys_addr_t rob_hw_reach(struct kunit *test, unsigned int i,
				unsigned long iova,
				struct iommu_domain **domains, unsigned int nr)
{
	struct rob_test *t = rob_ctx(test);
	struct sysmmu_aggregate *agg = sysmmu_test_group_agg(t->group);
	phys_addr_t table = rob_hw_table(t, i);
	unsigned int d;

	if (!table)
		return 0;
	if (agg && agg->blocking && table == exynos_pt_base(agg->blocking->pt))
		return exynos_pt_iova_to_phys(agg->blocking->pt, iova);
	for (d = 0; d < nr; d++) {
		struct exynos_pt *pt = to_sysmmu_domain(domains[d])->pt;

		if (table == exynos_pt_base(pt))
			return exynos_pt_iova_to_phys(pt, iova);
	}
	KUNIT_FAIL(test, "member %u translates with an unknown table %pa", i,
		   &table);
	return 0;
}

/* Whether member @i was told to invalidate [@iova, @iova + @size). */
static bool rob_invalidated(struct rob_test *t, unsigned int i,
			    unsigned long iova, size_t size)
{
	struct sysmmu_test_model *m = t->model[i];

	if (sysmmu_test_model_writes_to(m, ROB_FLUSH_ALL))
		return true;
	return sysmmu_test_model_writes_to(m, ROB_FLUSH_RANGE) &&
	       sysmmu_test_model_get(m, ROB_FLUSH_START) <= iova &&
	       sysmmu_test_model_get(m, ROB_FLUSH_END) >= iova + size - SZ_4K;
}

/*
 * After each iommu_unmap() returns, every powered member has been told to
 * invalidate at least the range, whatever its size and alignment.
 */
static void rob_iso_unmap_invalidates(struct kunit *test)
{
	static const struct {
		unsigned long off;
		size_t size;
	} cuts[] = {
		{ 0, SZ_4K }, { SZ_4K, SZ_8K }, { SZ_64K, SZ_64K },
		{ SZ_1M - SZ_4K, SZ_8K }, { SZ_2M, SZ_1M }, { SZ_4M, SZ_1M + SZ_4K },
	};
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain;
	unsigned int c, i;

	rob_setup(test);
	rob_power(test);
	domain = sysmmu_test_domain_alloc(test, t->master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, ROB_ISO_IOVA, ROB_ISO_PA,
					8 * SZ_1M, IOMMU_READ, GFP_KERNEL), 0);
	for (c = 0; c < ARRAY_SIZE(cuts); c++) {
		unsigned long iova = ROB_ISO_IOVA + cuts[c].off;

		rob_clear_logs(t);
		KUNIT_ASSERT_EQ(test, iommu_unmap(domain, iova, cuts[c].size),
				cuts[c].size);
		for (i = 0; i < ROB_NR; i++) {
			KUNIT_EXPECT_TRUE_MSG(test,
					      rob_invalidated(t, i, iova,
							      cuts[c].size),
					      "member %u, unmap %#lx+%#zx", i,
					      iova, cuts[c].size);
			KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, iova,
							   &domain, 1), 0);
		}
	}
}

/*
 * With the master suspended and one member powered on its own, an unmap
 * invalidates that member only; the others are not touched while off and
 * flush everything before translating again.
 */
static void rob_iso_unmap_partly_powered(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain;
	unsigned int i;

	rob_setup(test);
	domain = sysmmu_test_domain_alloc(test, t->master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, t->master), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, ROB_ISO_IOVA, ROB_ISO_PA,
					SZ_64K, IOMMU_READ, GFP_KERNEL), 0);
	/* One runtime PM cycle of the master, as agg_legacy_two_attach. */
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->master), 0);
	pm_runtime_put_sync(t->master);
	for (i = 0; i < ROB_NR; i++)
		sysmmu_test_wait_powered(test, rob_member(test, i), false);
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->member[1]), 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, rob_rpm_put,
						  t->member[1]));

	rob_clear_logs(t);
	KUNIT_ASSERT_EQ(test, iommu_unmap(domain, ROB_ISO_IOVA, SZ_16K),
			SZ_16K);
	KUNIT_EXPECT_TRUE(test, rob_invalidated(t, 1, ROB_ISO_IOVA, SZ_16K));
	KUNIT_EXPECT_EQ(test, rob_hw_reach(test, 1, ROB_ISO_IOVA, &domain, 1),
			0);
	KUNIT_EXPECT_EQ(test, t->model[0]->nr_writes, 0);
	KUNIT_EXPECT_EQ(test, t->model[2]->nr_writes, 0);

	rob_power(test);
	for (i = 0; i < ROB_NR; i += 2) {
		KUNIT_EXPECT_GE(test, sysmmu_test_model_writes_to(t->model[i],
								  ROB_FLUSH_ALL),
				1);
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, ROB_ISO_IOVA,
						   &domain, 1), 0);
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i,
						   ROB_ISO_IOVA + SZ_16K,
						   &domain, 1),
				ROB_ISO_PA + SZ_16K);
	}
}

/* A blocked master reaches nothing it had mapped, on any member. */
static void rob_iso_blocked(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	dma_addr_t dma[4];
	unsigned int i, k;
	void *buf;

	rob_setup(test);
	rob_power(test);
	buf = kunit_kzalloc(test, 4 * SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (k = 0; k < ARRAY_SIZE(dma); k++) {
		dma[k] = dma_map_single(t->master, buf + k * SZ_4K, SZ_4K,
					DMA_BIDIRECTIONAL);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(t->master, dma[k]));
		for (i = 0; i < ROB_NR; i++)
			KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, dma[k],
							   &t->def, 1),
					virt_to_phys(buf + k * SZ_4K));
	}

	KUNIT_ASSERT_EQ(test, iommu_device_claim_dma_owner(t->master, test), 0);
	for (i = 0; i < ROB_NR; i++) {
		KUNIT_EXPECT_NE(test, rob_hw_table(t, i), 0);
		for (k = 0; k < ARRAY_SIZE(dma); k++)
			KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, dma[k],
							   &t->def, 1), 0);
	}
	iommu_device_release_dma_owner(t->master);
	for (k = 0; k < ARRAY_SIZE(dma); k++)
		dma_unmap_single(t->master, dma[k], SZ_4K, DMA_BIDIRECTIONAL);
}

/* After detach, what the detached domain maps is out of reach. */
static void rob_iso_detached(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domains[2];
	unsigned int i;

	rob_setup(test);
	rob_power(test);
	domains[0] = sysmmu_test_domain_alloc(test, t->master);
	domains[1] = t->def;
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domains[0], t->master), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(domains[0], ROB_ISO_IOVA, ROB_ISO_PA,
					SZ_1M, IOMMU_READ, GFP_KERNEL), 0);
	for (i = 0; i < ROB_NR; i++)
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, ROB_ISO_IOVA,
						   domains, 2), ROB_ISO_PA);

	iommu_detach_device(domains[0], t->master);
	rob_expect_table(test, t->def);
	for (i = 0; i < ROB_NR; i++)
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, ROB_ISO_IOVA,
						   domains, 2), 0);
	/* ... and what it maps later, too. */
	KUNIT_ASSERT_EQ(test, iommu_map(domains[0], ROB_ISO_IOVA + SZ_1M,
					ROB_ISO_PA, SZ_4K, IOMMU_READ,
					GFP_KERNEL), 0);
	for (i = 0; i < ROB_NR; i++)
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i,
						   ROB_ISO_IOVA + SZ_1M,
						   domains, 2), 0);
}

/*
 * A master whose aggregate went away: every member in bypass with no
 * table, the domain it had attached on no aggregate's list.
 */
static void rob_iso_unbound(struct kunit *test)
{
	struct rob_test *t = rob_ctx(test);
	struct iommu_domain *domain;
	unsigned int i;

	rob_setup(test);
	domain = sysmmu_test_domain_alloc(test, t->master);
	KUNIT_ASSERT_EQ(test, rob_attach_as_driver(domain, t->master), 0);
	KUNIT_ASSERT_EQ(test, iommu_map(domain, ROB_ISO_IOVA, ROB_ISO_PA,
					SZ_4K, IOMMU_READ, GFP_KERNEL), 0);
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(t->master), 0);
	pm_runtime_put_sync(t->master);

	device_release_driver(t->member[0]);
	rob_expect_clean_detach(test, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&to_sysmmu_domain(domain)->aggs));
	for (i = 1; i < ROB_NR; i++)
		KUNIT_EXPECT_EQ(test, rob_hw_reach(test, i, ROB_ISO_IOVA,
						   &domain, 1), 0);
}

static struct kunit_case sysmmu_robust_cases[] = {
	KUNIT_CASE(rob_sweep_member_probe),
	KUNIT_CASE_SLOW(rob_sweep_aggregate_bind),
	KUNIT_CASE_SLOW(rob_sweep_legacy_probe),
	KUNIT_CASE(rob_sweep_domain_alloc),
	KUNIT_CASE(rob_sweep_attach),
	KUNIT_CASE(rob_sweep_map),
	KUNIT_CASE_PARAM(rob_isp_order, rob_seed_gen_params),
	KUNIT_CASE_SLOW(rob_cycle_member),
	KUNIT_CASE_SLOW(rob_cycle_group),
	KUNIT_CASE_SLOW(rob_concurrent_disjoint),
	KUNIT_CASE_SLOW(rob_concurrent_shared),
	KUNIT_CASE(rob_fault_storm),
	KUNIT_CASE_PARAM(rob_bad_group, rob_bad_group_gen_params),
	KUNIT_CASE_PARAM(rob_bad_member, rob_bad_member_gen_params),
	KUNIT_CASE_PARAM(rob_bad_master, rob_bad_master_gen_params),
	KUNIT_CASE_PARAM(rob_bad_stream, rob_bad_stream_gen_params),
	KUNIT_CASE_PARAM(rob_bad_harmless, rob_bad_harmless_gen_params),
	KUNIT_CASE(rob_iso_unmap_invalidates),
	KUNIT_CASE(rob_iso_unmap_partly_powered),
	KUNIT_CASE(rob_iso_blocked),
	KUNIT_CASE(rob_iso_detached),
	KUNIT_CASE(rob_iso_unbound),
	{ }
};

static struct kunit_suite sysmmu_robust_suite = {
	.name = "exynos-sysmmu-robust",
	.init = rob_test_init,
	.test_cases = sysmmu_robust_cases,
};

kunit_test_suite(sysmmu_robust_suite);
