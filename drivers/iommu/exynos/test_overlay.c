// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devicetree overlays, a test master driver and probe synchronisation for
 * the KUnit suites that drive the Exynos System MMU driver through the
 * driver core and the IOMMU core.
 *
 * Everything happens through the kernel's own paths: overlays create the
 * platform devices, the driver core probes them (instances defer while their
 * clock is not provided), and a clock provider that binds retriggers
 * deferred probing. The suites only choose the order.
 */

#include <kunit/platform_device.h>
#include <kunit/resource.h>
#include <linux/clk-provider.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/device.h>
#include <linux/kmsg_dump.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "test_overlay.h"

#define SYSMMU_TEST_POLL_MS	1000

static void sysmmu_test_overlay_release(void *data)
{
	int ovcs_id = (uintptr_t)data;

	of_overlay_remove(&ovcs_id);
}

/**
 * sysmmu_test_overlay_apply() - apply an overlay for the rest of a test
 * @test: the test; the overlay is removed when it ends
 * @begin: start of the flattened overlay
 * @end: its end
 *
 * Fails the test if the overlay cannot be applied.
 *
 * Return: the overlay's changeset id, for sysmmu_test_overlay_remove().
 */
int sysmmu_test_overlay_apply(struct kunit *test, const u8 *begin,
			      const u8 *end)
{
	int ovcs_id = 0, ret;

	ret = of_overlay_fdt_apply(begin, end - begin, &ovcs_id, NULL);
	/* A partly applied overlay must be removed too. */
	if (ovcs_id)
		KUNIT_ASSERT_EQ(test, 0,
				kunit_add_action_or_reset(test,
							  sysmmu_test_overlay_release,
							  (void *)(uintptr_t)ovcs_id));
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot apply overlay: %d", ret);
	return ovcs_id;
}

/**
 * sysmmu_test_overlay_remove() - remove an overlay before the test ends
 * @test: the test that applied it
 * @ovcs_id: what sysmmu_test_overlay_apply() returned
 *
 * References to devices of the overlay (sysmmu_test_find_dev()) must have
 * been dropped with sysmmu_test_put_dev() before.
 */
void sysmmu_test_overlay_remove(struct kunit *test, int ovcs_id)
{
	kunit_release_action(test, sysmmu_test_overlay_release,
			     (void *)(uintptr_t)ovcs_id);
}

/* The master: a driver that only lets its device's runtime PM be driven. */

static int sysmmu_test_master_probe(struct platform_device *pdev)
{
	return devm_pm_runtime_enable(&pdev->dev);
}

static const struct of_device_id sysmmu_test_master_of_match[] = {
	{ .compatible = SYSMMU_TEST_MASTER_COMPATIBLE },
	{ }
};

static struct platform_driver sysmmu_test_master_driver = {
	.probe = sysmmu_test_master_probe,
	.driver = {
		.name = "exynos-sysmmu-test-master",
		.of_match_table = sysmmu_test_master_of_match,
	},
	/*
	 * Like VFIO: lets the suites claim DMA ownership of a bound master
	 * to attach the blocked domain. The DMA API works as for any driver.
	 */
	.driver_managed_dma = true,
};

/**
 * sysmmu_test_require_deferral() - check that missing IOMMUs defer probes
 * @test: the test
 * @dev: any device
 *
 * After boot, the driver core only defers a master for an IOMMU that has not
 * registered yet if modules are enabled and the deferred probe timeout has
 * not expired; otherwise the master binds without its IOMMU and ordering
 * tests are meaningless. Fails the test in that case.
 */
void sysmmu_test_require_deferral(struct kunit *test, struct device *dev)
{
	KUNIT_ASSERT_EQ_MSG(test, driver_deferred_probe_check_state(dev),
			    -EPROBE_DEFER,
			    "the driver core no longer defers for missing IOMMUs: needs CONFIG_MODULES=y and an unexpired deferred_probe_timeout");
}

KUNIT_DEFINE_ACTION_WRAPPER(sysmmu_test_put_device, put_device,
			    struct device *);

/**
 * sysmmu_test_find_dev() - the platform device of a devicetree node
 * @test: the test; the reference is dropped when it ends
 * @path: full path of the node
 *
 * Return: the device, or NULL if the node or its device does not exist.
 */
struct device *sysmmu_test_find_dev(struct kunit *test, const char *path)
{
	struct platform_device *pdev;
	struct device_node *np;

	np = of_find_node_by_path(path);
	if (!np)
		return NULL;
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return NULL;
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sysmmu_test_put_device,
						  &pdev->dev));
	return &pdev->dev;
}

/**
 * sysmmu_test_put_dev() - drop a reference from sysmmu_test_find_dev() now
 * @test: the test
 * @dev: the device
 */
void sysmmu_test_put_dev(struct kunit *test, struct device *dev)
{
	kunit_release_action(test, sysmmu_test_put_device, dev);
}

/*
 * Clock providers that provide nothing until the test says so. Their
 * devices bind at once, so fw_devlink lets the instances that use them
 * probe; the instances then defer in their own probe, in clk_get(), the way
 * they would for a clock controller that has not registered its clocks.
 */

#define SYSMMU_TEST_CLOCKS_MAX	16
#define SYSMMU_TEST_CLOCK_RATE	100000000

static const struct device_node *sysmmu_test_clocks[SYSMMU_TEST_CLOCKS_MAX];
static DEFINE_MUTEX(sysmmu_test_clocks_lock);

static bool sysmmu_test_clock_ready(const struct device_node *np)
{
	bool ready = false;
	unsigned int i;

	mutex_lock(&sysmmu_test_clocks_lock);
	for (i = 0; i < SYSMMU_TEST_CLOCKS_MAX; i++)
		ready |= sysmmu_test_clocks[i] == np;
	mutex_unlock(&sysmmu_test_clocks_lock);
	return ready;
}

static void sysmmu_test_clocks_reset(void *unused)
{
	mutex_lock(&sysmmu_test_clocks_lock);
	memset(sysmmu_test_clocks, 0, sizeof(sysmmu_test_clocks));
	mutex_unlock(&sysmmu_test_clocks_lock);
}

static int sysmmu_test_clock_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct clk_hw *hw;

	if (!IS_ENABLED(CONFIG_COMMON_CLK))
		return -ENODEV;
	if (!sysmmu_test_clock_ready(dev->of_node))
		return 0;
	hw = devm_clk_hw_register_fixed_rate(dev, dev_name(dev), NULL, 0,
					     SYSMMU_TEST_CLOCK_RATE);
	if (IS_ERR(hw))
		return PTR_ERR(hw);
	return devm_of_clk_add_hw_provider(dev, of_clk_hw_simple_get, hw);
}

static const struct of_device_id sysmmu_test_clock_of_match[] = {
	{ .compatible = SYSMMU_TEST_CLOCK_COMPATIBLE },
	{ }
};

static struct platform_driver sysmmu_test_clock_driver = {
	.probe = sysmmu_test_clock_probe,
	.driver = {
		.name = "exynos-sysmmu-test-clock",
		.of_match_table = sysmmu_test_clock_of_match,
	},
};

/**
 * sysmmu_test_enable_clock() - let a test clock provider provide its clock
 * @test: the test
 * @path: full path of a "samsung,exynos-sysmmu-test-clock" node
 *
 * Binds the provider again, now providing its clock. Binding it retriggers
 * deferred probing (through its consumers' device links as well), so the
 * instance using the clock probes again, asynchronously: see
 * sysmmu_test_settle().
 */
void sysmmu_test_enable_clock(struct kunit *test, const char *path)
{
	struct platform_device *pdev;
	struct device_node *np;
	unsigned int i;
	int ret;

	np = of_find_node_by_path(path);
	KUNIT_ASSERT_NOT_NULL_MSG(test, np, "no node %s", path);
	pdev = of_find_device_by_node(np);
	of_node_put(np);	/* the overlay holds the node */
	KUNIT_ASSERT_NOT_NULL_MSG(test, pdev, "no device for %s", path);

	mutex_lock(&sysmmu_test_clocks_lock);
	for (i = 0; i < SYSMMU_TEST_CLOCKS_MAX; i++) {
		if (!sysmmu_test_clocks[i]) {
			sysmmu_test_clocks[i] = np;
			break;
		}
	}
	mutex_unlock(&sysmmu_test_clocks_lock);
	if (i == SYSMMU_TEST_CLOCKS_MAX)
		platform_device_put(pdev);
	KUNIT_ASSERT_LT_MSG(test, i, SYSMMU_TEST_CLOCKS_MAX, "too many clocks");

	ret = device_reprobe(&pdev->dev);
	platform_device_put(pdev);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot bind %s again", path);
}

/**
 * sysmmu_test_drivers_register() - register the test master and clock drivers
 * @test: the test; the drivers are unregistered when it ends
 *
 * Call before applying overlays, so that the drivers outlive the devices.
 * Registering a driver also extends the driver core's deferred probe
 * timeout, which keeps masters deferring for missing IOMMUs. Skips the test
 * if overlays or the common clock framework are not available.
 */
void sysmmu_test_drivers_register(struct kunit *test)
{
	if (!IS_ENABLED(CONFIG_OF_OVERLAY) || !IS_ENABLED(CONFIG_COMMON_CLK))
		kunit_skip(test, "needs CONFIG_OF_OVERLAY and CONFIG_COMMON_CLK");
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sysmmu_test_clocks_reset,
						  NULL));
	sysmmu_test_clock_driver.driver.owner = THIS_MODULE;
	KUNIT_ASSERT_EQ(test, 0,
			kunit_platform_driver_register(test,
						       &sysmmu_test_clock_driver));
	sysmmu_test_master_driver.driver.owner = THIS_MODULE;
	KUNIT_ASSERT_EQ(test, 0,
			kunit_platform_driver_register(test,
						       &sysmmu_test_master_driver));
}

/**
 * sysmmu_test_settle() - wait until probing, deferred probing included, is
 *	done
 *
 * A device that binds retriggers deferred probing, which runs from a work
 * item; wait for a few such rounds.
 */
void sysmmu_test_settle(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		/* Masters the driver probes again once their IOMMU is back. */
		sysmmu_links_flush();
		wait_for_device_probe();
	}
}

/**
 * sysmmu_test_bound() - whether a driver is bound to a device
 * @dev: the device, may be NULL
 *
 * Return: true if bound.
 */
bool sysmmu_test_bound(struct device *dev)
{
	bool bound;

	if (!dev)
		return false;
	device_lock(dev);
	bound = device_is_bound(dev);
	device_unlock(dev);
	return bound;
}

/**
 * sysmmu_test_group_agg() - the aggregate of a bound group device
 * @group: the group node's device
 *
 * Return: the aggregate, or NULL if the group is not bound.
 */
struct sysmmu_aggregate *sysmmu_test_group_agg(struct device *group)
{
	return sysmmu_test_bound(group) ? dev_get_drvdata(group) : NULL;
}

/**
 * sysmmu_test_member() - the member of a bound instance device
 * @dev: the instance's device
 *
 * Return: the member, or NULL if the instance is not bound.
 */
struct sysmmu_member *sysmmu_test_member(struct device *dev)
{
	return sysmmu_test_bound(dev) ? dev_get_drvdata(dev) : NULL;
}

static bool sysmmu_test_powered(struct sysmmu_member *member)
{
	unsigned long flags;
	bool powered;

	spin_lock_irqsave(&member->lock, flags);
	powered = member->powered;
	spin_unlock_irqrestore(&member->lock, flags);
	return powered;
}

/**
 * sysmmu_test_wait_powered() - wait for runtime PM to settle an instance
 * @test: the test; fails if the instance does not reach the state
 * @member: the instance
 * @powered: the state to wait for
 *
 * Suppliers of a device link are suspended asynchronously after their
 * consumer, from the PM workqueue.
 */
void sysmmu_test_wait_powered(struct kunit *test, struct sysmmu_member *member,
			      bool powered)
{
	unsigned long timeout = jiffies + msecs_to_jiffies(SYSMMU_TEST_POLL_MS);

	do {
		flush_workqueue(pm_wq);
		if (sysmmu_test_powered(member) == powered)
			return;
		usleep_range(500, 1000);
	} while (time_before(jiffies, timeout));
	KUNIT_FAIL(test, "%s did not become %s (usage %d, status %d)",
		   dev_name(member->dev), powered ? "powered" : "unpowered",
		   atomic_read(&member->dev->power.usage_count),
		   member->dev->power.runtime_status);
}

/**
 * sysmmu_test_debugfs_has() - whether the driver's debugfs has an entry
 * @name: name of an aggregate directory
 *
 * Return: true if "exynos-sysmmu/@name" exists.
 */
bool sysmmu_test_debugfs_has(const char *name)
{
	struct dentry *root, *d;

	root = debugfs_lookup("exynos-sysmmu", NULL);
	if (IS_ERR_OR_NULL(root))
		return false;
	d = debugfs_lookup(name, root);
	dput(root);
	if (IS_ERR_OR_NULL(d))
		return false;
	dput(d);
	return true;
}

struct sysmmu_test_unmanaged {
	struct iommu_domain *domain;
	struct device *dev;
};

static void sysmmu_test_unmanaged_release(void *data)
{
	struct sysmmu_test_unmanaged *u = data;

	if (iommu_get_domain_for_dev(u->dev) == u->domain)
		iommu_detach_device(u->domain, u->dev);
	iommu_domain_free(u->domain);
}

/**
 * sysmmu_test_domain_alloc() - an unmanaged paging domain for a master
 * @test: the test; the domain is detached and freed when it ends
 * @dev: the master
 *
 * Return: the domain; the test fails if it cannot be allocated.
 */
struct iommu_domain *sysmmu_test_domain_alloc(struct kunit *test,
					      struct device *dev)
{
	struct sysmmu_test_unmanaged *u;

	u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u);
	u->dev = dev;
	u->domain = iommu_paging_domain_alloc(dev);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, u->domain);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test,
						  sysmmu_test_unmanaged_release,
						  u));
	return u->domain;
}

/*
 * Kernel log checks: what the driver says when it refuses something is part
 * of its behaviour.
 */

#define SYSMMU_TEST_LOG_LINE	512

/**
 * sysmmu_test_log_mark() - where the kernel log is now
 *
 * Return: a mark for sysmmu_test_log_count().
 */
u64 sysmmu_test_log_mark(void)
{
	struct kmsg_dump_iter iter;

	kmsg_dump_rewind(&iter);
	return iter.next_seq;
}

/**
 * sysmmu_test_log_count() - count log lines printed since a mark
 * @test: the test
 * @mark: what sysmmu_test_log_mark() returned
 * @what: text the lines must contain
 * @who: more text they must contain (a device name), or NULL
 *
 * Return: the number of lines since @mark that contain @what and @who.
 */
unsigned int sysmmu_test_log_count(struct kunit *test, u64 mark,
				   const char *what, const char *who)
{
	struct kmsg_dump_iter iter = { .cur_seq = mark };
	unsigned int n = 0;
	size_t len;
	char *line;

	line = kunit_kmalloc(test, SYSMMU_TEST_LOG_LINE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, line);
	while (kmsg_dump_get_line(&iter, false, line, SYSMMU_TEST_LOG_LINE - 1,
				  &len)) {
		line[len] = '\0';
		n += strstr(line, what) && (!who || strstr(line, who));
	}
	kunit_kfree(test, line);
	return n;
}

/*
 * Allocation failures on demand: the task's fail-nth counter (what
 * /proc/self/fail-nth sets) fails the Nth fault-injection point the task
 * hits. failslab and fail_page_alloc skip allocations that may sleep and,
 * for pages, order 0 unless told otherwise, and print a stack trace for
 * every failure; their knobs only exist in debugfs, as variables the files
 * point at.
 */

enum sysmmu_test_knob_type {
	SYSMMU_TEST_KNOB_BOOL,
	SYSMMU_TEST_KNOB_U32,
	SYSMMU_TEST_KNOB_ULONG,
};

struct sysmmu_test_knob {
	void *var;
	enum sysmmu_test_knob_type type;
	unsigned long old;
};

static unsigned long sysmmu_test_knob_swap(struct sysmmu_test_knob *k,
					   unsigned long val)
{
	unsigned long old;

	switch (k->type) {
	case SYSMMU_TEST_KNOB_BOOL:
		old = *(bool *)k->var;
		*(bool *)k->var = val;
		break;
	case SYSMMU_TEST_KNOB_U32:
		old = *(u32 *)k->var;
		*(u32 *)k->var = val;
		break;
	default:
		old = *(unsigned long *)k->var;
		*(unsigned long *)k->var = val;
		break;
	}
	return old;
}

static void sysmmu_test_knob_restore(void *data)
{
	struct sysmmu_test_knob *k = data;

	sysmmu_test_knob_swap(k, k->old);
}

/* Set a fault-injection debugfs knob until the test ends. */
static void sysmmu_test_knob_set(struct kunit *test, const char *dir,
				 const char *name,
				 enum sysmmu_test_knob_type type,
				 unsigned long val)
{
	struct sysmmu_test_knob *k;
	struct dentry *d, *f;

	d = debugfs_lookup(dir, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, d, "no debugfs %s", dir);
	f = debugfs_lookup(name, d);
	dput(d);
	KUNIT_ASSERT_NOT_ERR_OR_NULL_MSG(test, f, "no debugfs %s/%s", dir,
					 name);
	k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	if (k)
		k->var = d_inode(f)->i_private;
	dput(f);
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_ASSERT_NOT_NULL(test, k->var);
	k->type = type;
	k->old = sysmmu_test_knob_swap(k, val);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sysmmu_test_knob_restore,
						  k));
}

/**
 * sysmmu_test_fail_setup() - let sysmmu_test_fail_nth() fail any allocation
 * @test: the test; the fault-injection settings are restored when it ends
 *
 * Skips the test if the kernel has no fault injection of slab and page
 * allocations with their debugfs settings.
 */
void sysmmu_test_fail_setup(struct kunit *test)
{
	if (!IS_ENABLED(CONFIG_FAILSLAB) || !IS_ENABLED(CONFIG_FAIL_PAGE_ALLOC) ||
	    !IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS))
		kunit_skip(test, "needs CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC, %s",
			   "CONFIG_FAULT_INJECTION_DEBUG_FS");
	sysmmu_test_knob_set(test, "failslab", "ignore-gfp-wait",
			     SYSMMU_TEST_KNOB_BOOL, false);
	sysmmu_test_knob_set(test, "failslab", "verbose",
			     SYSMMU_TEST_KNOB_ULONG, 0);
	sysmmu_test_knob_set(test, "fail_page_alloc", "ignore-gfp-wait",
			     SYSMMU_TEST_KNOB_BOOL, false);
	sysmmu_test_knob_set(test, "fail_page_alloc", "min-order",
			     SYSMMU_TEST_KNOB_U32, 0);
	sysmmu_test_knob_set(test, "fail_page_alloc", "verbose",
			     SYSMMU_TEST_KNOB_ULONG, 0);
}

/**
 * sysmmu_test_fail_nth() - fail the Nth allocation of the current task
 * @nth: which one, from 1; 0 disarms
 *
 * Only after sysmmu_test_fail_setup(). Disarm with sysmmu_test_fail_hit()
 * before anything else allocates.
 */
void sysmmu_test_fail_nth(unsigned int nth)
{
#ifdef CONFIG_FAULT_INJECTION
	WRITE_ONCE(current->fail_nth, nth);
#endif
}

/**
 * sysmmu_test_fail_hit() - disarm sysmmu_test_fail_nth()
 *
 * Return: true if the Nth allocation was reached, and failed.
 */
bool sysmmu_test_fail_hit(void)
{
#ifdef CONFIG_FAULT_INJECTION
	unsigned int left = READ_ONCE(current->fail_nth);

	WRITE_ONCE(current->fail_nth, 0);
	return !left;
#else
	return false;
#endif
}
