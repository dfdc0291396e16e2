// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reported race, on the emulated System MMU (tests/race/race.dtso): a
 * master binds while a System MMU instance it sits behind is still
 * registering. For each topology ("row") and either driver, in two forms:
 *
 *  forced        the instance that registers first is held by the IOMMU
 *                core's test hook (tests/race/iommu-race-hook.patch)
 *                between its list_add and its ready flag, and the master is
 *                attached right then;
 *  uncontrolled  the instances and the master are brought up from two
 *                threads in random orders at random moments, @rounds times
 *                (this driver: unbinding everything between rounds; the
 *                upstream driver cannot unbind, so one round per boot).
 *
 * After each round the master must be bound, behind its IOMMU, and copy
 * memory by DMA through every port. When it probes, every IOMMU it lists
 * must be registered and ready ("early" counts the masters that were not);
 * the core's "late IOMMU probe at driver bind" warnings are counted by
 * race.sh from the log, between this module's "race: row" lines.
 */

#include <linux/clk-provider.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/random.h>
#include <linux/sizes.h>

#include "dma-master.h"

/* The IOMMU core's test hook (tests/race/iommu-race-hook.patch). */
void iommu_race_arm(const char *path);
bool iommu_race_wait_held(unsigned int ms);
void iommu_race_release(void);
int iommu_race_fwnode_state(const struct fwnode_handle *fwnode);

static char *driver = "ours";
module_param(driver, charp, 0444);
MODULE_PARM_DESC(driver, "the System MMU driver under test: ours or upstream");
static char *mode = "forced";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "forced or uncontrolled");
static char *condition = "?";
module_param(condition, charp, 0444);
MODULE_PARM_DESC(condition, "label of the boot's condition, for the report");
static unsigned int rounds = 200;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds per row (this driver; the upstream one: 1)");

#define RACE_MAX_INST		4
#define RACE_MAX_PORTS		4

/**
 * struct race_row - one topology
 * @name: row name in the report
 * @master: the DMA master's node
 * @second: a master without registers behind the same IOMMUs, or NULL
 * @held: the IOMMU that registers first, held in the forced form: a
 *	master's second entry (this driver registers it first), or its only
 *	one
 * @inst: the instances' nodes, in the order the master lists them
 * @upstream: the row applies to the upstream driver: no group node, and no
 *	instance shared by two masters (its sysmmu_drvdata sits on one
 *	master's list of controllers, through its one owner_node)
 * @refused: this driver refuses the topology
 */
struct race_row {
	const char *name;
	const char *master;
	const char *second;
	const char *held;
	const char *inst[RACE_MAX_INST];
	bool upstream;
	bool refused;
};

#define G(a)	"/iommu-group@" a
static const struct race_row race_rows[] = {
	{ "group", "/dma@b200000", NULL, G("b000000"),
	  { G("b000000") "/iommu@b000000", G("b000000") "/iommu@b010000" } },
	{ "legacy", "/dma@b201000", NULL, "/iommu@b030000",
	  { "/iommu@b020000", "/iommu@b030000" }, .upstream = true },
	{ "two-groups", "/dma@b202000", NULL, G("b060000"),
	  { G("b040000") "/iommu@b040000", G("b040000") "/iommu@b050000",
	    G("b060000") "/iommu@b060000", G("b060000") "/iommu@b070000" } },
	{ "group+single", "/dma@b203000", NULL, "/iommu@b0a0000",
	  { G("b080000") "/iommu@b080000", G("b080000") "/iommu@b090000",
	    "/iommu@b0a0000" } },
	{ "shared", "/dma@b204000", "/race-master-shared", "/iommu@b0c0000",
	  { "/iommu@b0b0000", "/iommu@b0c0000" } },
	{ "conflict", "/dma@b205000", "/race-master-conflict", "/iommu@b0e0000",
	  { "/iommu@b0d0000", "/iommu@b0e0000" }, .refused = true },
};

/* What the masters' probes saw. */
static atomic_t race_early;

struct race_dma {
	struct dma_master dma;
};

static struct device *race_dev(const char *path)
{
	struct device_node *np = of_find_node_by_path(path);
	struct platform_device *pdev;

	if (!np)
		return NULL;
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	return pdev ? &pdev->dev : NULL;
}

/* Every IOMMU the master lists is registered and ready. */
static void race_check_ready(struct device *dev)
{
	struct of_phandle_args args;
	int i;

	for (i = 0; !of_parse_phandle_with_args(dev->of_node, "iommus",
						"#iommu-cells", i, &args); i++) {
		int state = iommu_race_fwnode_state(of_fwnode_handle(args.np));

		if (state != 1 && device_iommu_mapped(dev)) {
			atomic_inc(&race_early);
			dev_info(dev, "race: configured while %pOF is %s\n",
				 args.np, state ? "not registered" : "not ready");
		}
		of_node_put(args.np);
	}
}

static int race_dma_probe(struct platform_device *pdev)
{
	struct race_dma *d;

	race_check_ready(&pdev->dev);
	d = devm_kzalloc(&pdev->dev, sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	platform_set_drvdata(pdev, d);
	/* Its runtime PM drives the instances' (the device links). */
	return dma_master_init(&d->dma, pdev) ?:
	       devm_pm_runtime_enable(&pdev->dev);
}

static const struct of_device_id race_dma_of_match[] = {
	{ .compatible = "unittest,exynos-sysmmu-race-dma" },
	{ }
};

static struct platform_driver race_dma_driver = {
	.probe = race_dma_probe,
	.driver = {
		.name = "exynos-sysmmu-race-dma",
		.of_match_table = race_dma_of_match,
	},
};

static int race_master_probe(struct platform_device *pdev)
{
	race_check_ready(&pdev->dev);
	return 0;
}

static const struct of_device_id race_master_of_match[] = {
	{ .compatible = "unittest,exynos-sysmmu-race-master" },
	{ }
};

static struct platform_driver race_master_driver = {
	.probe = race_master_probe,
	.driver = {
		.name = "exynos-sysmmu-race-master",
		.of_match_table = race_master_of_match,
	},
};

/*
 * One fixed clock per instance, so that nothing probes before this module.
 * A driver, not bare providers: with fw_devlink=on an instance waits for
 * its clock node's device to be bound.
 */
static int race_clock_probe(struct platform_device *pdev)
{
	struct clk_hw *hw;

	hw = devm_clk_hw_register_fixed_rate(&pdev->dev,
					     dev_name(&pdev->dev), NULL, 0,
					     200000000);
	if (IS_ERR(hw))
		return PTR_ERR(hw);
	return devm_of_clk_add_hw_provider(&pdev->dev, of_clk_hw_simple_get,
					   hw);
}

static const struct of_device_id race_clock_of_match[] = {
	{ .compatible = "unittest,exynos-sysmmu-race-clock" },
	{ }
};

static struct platform_driver race_clock_driver = {
	.probe = race_clock_probe,
	.driver = {
		.name = "exynos-sysmmu-race-clock",
		.of_match_table = race_clock_of_match,
	},
};

static unsigned int race_nr_inst(const struct race_row *row)
{
	unsigned int n = 0;

	while (n < RACE_MAX_INST && row->inst[n])
		n++;
	return n;
}

static u32 race_rand(u32 ceil)
{
	return ceil ? get_random_u32_below(ceil) : 0;
}

/* Sleep a random time below @max_us. */
static void race_sleep(unsigned int max_us)
{
	unsigned int us = race_rand(max_us) + 1;

	usleep_range(us, us + 10);
}

/* The instance indices of @row, shuffled or not. */
static unsigned int race_order(const struct race_row *row, bool shuffle,
			       unsigned int *order)
{
	unsigned int n = race_nr_inst(row), i, j;

	for (i = 0; i < n; i++)
		order[i] = i;
	/* Fisher-Yates; swap() evaluates its arguments twice. */
	for (i = n - 1; shuffle && i > 0; i--) {
		j = race_rand(i + 1);
		swap(order[i], order[j]);
	}
	return n;
}

/* Bring the instances up, in list order or shuffled, at random moments. */
struct race_upper {
	const struct race_row *row;
	bool shuffle;
	unsigned int max_delay_us;
	struct completion done;
};

static int race_bring_up(void *data)
{
	struct race_upper *up = data;
	unsigned int order[RACE_MAX_INST], n, i;

	n = race_order(up->row, up->shuffle, order);
	for (i = 0; i < n; i++) {
		struct device *dev = race_dev(up->row->inst[order[i]]);

		if (up->max_delay_us)
			race_sleep(up->max_delay_us);
		if (dev) {
			(void)device_attach(dev);
			put_device(dev);
		}
	}
	complete(&up->done);
	return 0;
}

static void race_attach(const char *path)
{
	struct device *dev = path ? race_dev(path) : NULL;

	if (dev) {
		(void)device_attach(dev);
		put_device(dev);
	}
}

static void race_release(const char *path)
{
	struct device *dev = path ? race_dev(path) : NULL;

	if (dev) {
		device_release_driver(dev);
		put_device(dev);
	}
}

/* Take the row down: masters first (the instances' links would anyway). */
static void race_take_down(const struct race_row *row)
{
	unsigned int order[RACE_MAX_INST], n, i;

	race_release(row->master);
	race_release(row->second);
	n = race_order(row, true, order);
	for (i = 0; i < n; i++)
		race_release(row->inst[order[i]]);
	wait_for_device_probe();
}

/* DMA from every port to the next, with the DMA API. */
static bool race_dma_ok(struct device *dev, unsigned int nports)
{
	struct race_dma *d = dev_get_drvdata(dev);
	dma_addr_t src_dma, dst_dma;
	void *src, *dst;
	unsigned int p;
	bool ok = true;

	if (pm_runtime_resume_and_get(dev))
		return false;
	src = dma_alloc_coherent(dev, SZ_4K, &src_dma, GFP_KERNEL);
	dst = dma_alloc_coherent(dev, SZ_4K, &dst_dma, GFP_KERNEL);
	if (!src || !dst) {
		ok = false;
		goto out;
	}
	for (p = 0; p < nports && ok; p++) {
		memset(src, 0x40 + p, SZ_4K);
		memset(dst, 0, SZ_4K);
		ok = !dma_master_copy(&d->dma, src_dma, dst_dma, SZ_4K, p,
				      (p + 1) % nports) &&
		     !memcmp(src, dst, SZ_4K);
	}
out:
	if (src)
		dma_free_coherent(dev, SZ_4K, src, src_dma);
	if (dst)
		dma_free_coherent(dev, SZ_4K, dst, dst_dma);
	pm_runtime_put_sync(dev);
	return ok;
}

struct race_count {
	unsigned int rounds, bound, translated, dma_ok, second_ok, refused;
	unsigned int not_held;
};

static bool race_translated(const char *path)
{
	struct device *dev = race_dev(path);
	bool ok = dev && device_is_bound(dev) && device_iommu_mapped(dev);

	put_device(dev);
	return ok;
}

static void race_check(const struct race_row *row, struct race_count *c)
{
	struct device *dev = race_dev(row->master);
	unsigned int n = race_nr_inst(row), i, bound = 0;

	c->rounds++;
	if (!dev)
		return;
	for (i = 0; i < n; i++) {
		struct device *inst = race_dev(row->inst[i]);

		bound += inst && device_is_bound(inst);
		put_device(inst);
	}
	if (row->refused && !strcmp(driver, "ours")) {
		/* Refused: no instance bound, the master not behind them. */
		c->refused += !bound && !device_is_bound(dev);
	} else if (device_is_bound(dev)) {
		bool mapped = device_iommu_mapped(dev);
		bool dma = mapped && race_dma_ok(dev, n);

		c->bound++;
		c->translated += mapped;
		c->dma_ok += dma;
		c->second_ok += row->second && race_translated(row->second);
		if (!dma)
			pr_info("race: row %s round %u: %s, DMA failed\n",
				row->name, c->rounds,
				mapped ? "translated" : "not translated");
	} else {
		pr_info("race: row %s round %u: master unbound, %u of %u instances bound\n",
			row->name, c->rounds, bound, n);
		for (i = 0; i < n; i++) {
			struct device *inst = race_dev(row->inst[i]);

			pr_info("race:   %s %s\n", row->inst[i],
				!inst ? "has no device" :
				device_is_bound(inst) ? "bound" : "unbound");
			put_device(inst);
		}
	}
	put_device(dev);
}

/*
 * The upstream driver's instances probe asynchronously, in any order: the
 * master's entries other than the held one must be ready before it binds,
 * or it only defers and binds after the hold. Not for this driver, whose
 * first entry waits for the held one by design.
 */
static void race_wait_others_ready(const struct race_row *row)
{
	unsigned int n = race_nr_inst(row), i, ms;

	for (i = 0; i < n; i++) {
		struct device_node *np;

		if (!strcmp(row->inst[i], row->held))
			continue;
		np = of_find_node_by_path(row->inst[i]);
		for (ms = 0; np && ms < 5000 &&
		     iommu_race_fwnode_state(of_fwnode_handle(np)) != 1; ms++)
			msleep(1);
		if (np && ms == 5000)
			pr_info("race: row %s: %s not ready\n", row->name,
				row->inst[i]);
		of_node_put(np);
	}
}

/* One round: hold the first registration, or race two threads. */
static void race_round(const struct race_row *row, bool forced,
		       struct race_count *c)
{
	struct race_upper up = { .row = row, .shuffle = !forced,
				 .max_delay_us = forced ? 0 : 2000 };
	struct task_struct *t;

	init_completion(&up.done);
	/* The upstream driver's instance was armed before its first probe. */
	if (forced && !row->refused && !strcmp(driver, "ours"))
		iommu_race_arm(row->held);
	t = kthread_run(race_bring_up, &up, "race-up");
	if (IS_ERR(t)) {
		iommu_race_release();
		return;
	}
	if (forced && !row->refused) {
		if (!iommu_race_wait_held(5000)) {
			c->not_held++;
			pr_info("race: row %s round %u: %s was not held\n",
				row->name, c->rounds + 1, row->held);
		} else if (strcmp(driver, "ours")) {
			race_wait_others_ready(row);
		}
	} else {
		race_sleep(3000);
	}
	race_attach(row->master);
	race_attach(row->second);
	if (forced)
		iommu_race_release();
	wait_for_completion(&up.done);
	wait_for_device_probe();
	/* A master that deferred is retried as its IOMMUs come up. */
	race_attach(row->master);
	race_attach(row->second);
	wait_for_device_probe();
	race_check(row, c);
}

static void race_row_begin(const struct race_row *row)
{
	pr_info("race: row %s %s %s %s begin\n", driver, condition, mode,
		row->name);
}

/* @begun: the row's begin line was printed before its first bring-up. */
static void race_row_run(const struct race_row *row, bool forced,
			 bool ours, bool begun)
{
	unsigned int n = ours ? rounds : 1, i;
	struct race_count c = { };
	int early = begun ? 0 : atomic_read(&race_early);

	if (!begun)
		race_row_begin(row);
	for (i = 0; i < n; i++) {
		if (ours)
			race_take_down(row);
		race_round(row, forced, &c);
	}
	pr_info("race: row %s %s %s %s end rounds=%u bound=%u translated=%u dma_ok=%u second_ok=%u refused=%u early=%d not_held=%u\n",
		driver, condition, mode, row->name, c.rounds, c.bound,
		c.translated, c.dma_ok, c.second_ok, c.refused,
		atomic_read(&race_early) - early, c.not_held);
}

/*
 * Releasing one master of a shared set leaves the other translating: take
 * the second master away for good and copy through every port again.
 */
static void race_release_second(const struct race_row *row)
{
	struct device *second = race_dev(row->second);
	struct device *dev = race_dev(row->master);
	bool ok;

	if (!second || !dev) {
		put_device(second);
		put_device(dev);
		return;
	}
	platform_device_unregister(to_platform_device(second));
	put_device(second);
	ok = device_is_bound(dev) && device_iommu_mapped(dev) &&
	     race_dma_ok(dev, race_nr_inst(row));
	pr_info("race: release %s %s %s %s %s\n", driver, condition, mode,
		row->name, ok ? "ok" : "FAILED");
	put_device(dev);
}

/* The masters' drivers; the clocks' comes later, when a round allows. */
static struct platform_driver * const race_master_drivers[] = {
	&race_dma_driver,
	&race_master_driver,
};

static int __init race_init(void)
{
	const struct race_row *first = NULL;
	bool ours = !strcmp(driver, "ours");
	bool forced = !strcmp(mode, "forced");
	unsigned int i;
	int ret;

	ret = platform_register_drivers(race_master_drivers,
					ARRAY_SIZE(race_master_drivers));
	if (ret)
		return ret;
	/*
	 * The clocks let every instance probe. This driver's rounds unbind
	 * and rebind them, so let that settle first; the upstream driver's
	 * cannot be unbound, so its one round is this first bring-up, held
	 * from the start in the forced form.
	 */
	for (i = 0; i < ARRAY_SIZE(race_rows) && !ours && !first; i++)
		if (race_rows[i].upstream)
			first = &race_rows[i];
	if (first) {
		race_row_begin(first);
		if (forced)
			iommu_race_arm(first->held);
	}
	ret = platform_driver_register(&race_clock_driver);
	if (ret) {
		platform_unregister_drivers(race_master_drivers,
					    ARRAY_SIZE(race_master_drivers));
		return ret;
	}
	if (ours)
		wait_for_device_probe();
	for (i = 0; i < ARRAY_SIZE(race_rows); i++)
		if (ours || race_rows[i].upstream)
			race_row_run(&race_rows[i], forced, ours,
				     &race_rows[i] == first);
	/* Last: it removes a device, and the other form may run next. */
	for (i = 0; i < ARRAY_SIZE(race_rows) && !forced; i++)
		if (race_rows[i].second && !race_rows[i].refused)
			race_release_second(&race_rows[i]);
	pr_info("race: done\n");
	return 0;
}
module_init(race_init);

MODULE_DESCRIPTION("The reported race of the Exynos System MMU, on QEMU");
MODULE_LICENSE("GPL");
