// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU members: the platform driver of one physical instance.
 *
 * Probe maps the registers, picks the hardware family, requests the fault
 * interrupt, gets the clocks and enables runtime PM; then the member either
 * joins its group node's aggregate as a component or, for a standalone
 * legacy node, forms an aggregate of one.
 */

#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/string.h>

#include "exynos-sysmmu.h"

/**
 * struct sysmmu_match_data - what a compatible tells about its instances
 * @hint: the family, where the VERSION register alone cannot tell it
 * @streams_required: the instances' v9 stream tables must be described
 */
struct sysmmu_match_data {
	enum sysmmu_family_hint hint;
	bool streams_required;
};

static const struct sysmmu_match_data sysmmu_match_generic = {
	.hint = SYSMMU_HINT_NONE,
};

static const struct sysmmu_match_data sysmmu_match_gs101 = {
	.hint = SYSMMU_HINT_V8,
};

/* Downstream zuma nodes always describe their stream tables. */
static const struct sysmmu_match_data sysmmu_match_zuma = {
	.hint = SYSMMU_HINT_V9,
	.streams_required = true,
};

/* Whether v920 needs them is not public: optional. */
static const struct sysmmu_match_data sysmmu_match_v920 = {
	.hint = SYSMMU_HINT_V9,
};

/*
 * The clock-names sets the legacy binding allows. v9 instances have no
 * clocks (their power domain gates them): runtime PM with no clock works
 * unchanged, the clock calls do nothing.
 */
static const char * const sysmmu_clock_sets[][2] = {
	{ "sysmmu" },
	{ "sysmmu", "master" },
	{ "aclk", "pclk" },
};

static bool sysmmu_clocks_valid(const struct clk_bulk_data *clks, int n)
{
	unsigned int set, i;

	if (n == 0)
		return true;
	for (set = 0; set < ARRAY_SIZE(sysmmu_clock_sets); set++) {
		for (i = 0; i < ARRAY_SIZE(sysmmu_clock_sets[set]); i++) {
			const char *want = sysmmu_clock_sets[set][i];

			if (i < n ? !want || strcmp(clks[i].id, want) : !!want)
				break;
		}
		if (i == ARRAY_SIZE(sysmmu_clock_sets[set]) && n <= i)
			return true;
	}
	return false;
}

/**
 * sysmmu_member_program() - make an instance translate as it should now
 * @member: the instance, with its lock held
 *
 * Writes nothing while the instance is powered off: it is programmed again
 * on resume.
 */
void sysmmu_member_program(struct sysmmu_member *member)
{
	lockdep_assert_held(&member->lock);
	if (!member->powered)
		return;
	if (member->pt_base)
		sysmmu_hw_enable(member, member->pt_base);
	else if (member->enabled)
		sysmmu_hw_disable(member);
}

/**
 * sysmmu_member_set_table() - choose the table an instance translates with
 * @member: the instance
 * @pt_base: physical address of a level-1 table, or 0 for bypass
 * @domain: the domain the table belongs to, or NULL
 *
 * Programs the instance now if it is powered, and on every later resume.
 */
void sysmmu_member_set_table(struct sysmmu_member *member, phys_addr_t pt_base,
			     struct iommu_domain *domain)
{
	unsigned long flags;

	spin_lock_irqsave(&member->lock, flags);
	member->pt_base = pt_base;
	member->domain = domain;
	sysmmu_member_program(member);
	spin_unlock_irqrestore(&member->lock, flags);
}

static int sysmmu_member_power_on(struct sysmmu_member *member)
{
	unsigned long flags;
	int ret;

	ret = clk_bulk_prepare_enable(member->num_clks, member->clks);
	if (ret)
		return ret;
	spin_lock_irqsave(&member->lock, flags);
	member->powered = true;
	if (member->family) {
		/* v9 stream tables are lost while the power is off. */
		sysmmu_hw_restore(member);
		sysmmu_member_program(member);
	}
	spin_unlock_irqrestore(&member->lock, flags);
	return 0;
}

static void sysmmu_member_power_off(struct sysmmu_member *member)
{
	unsigned long flags;

	spin_lock_irqsave(&member->lock, flags);
	if (member->enabled)
		sysmmu_hw_disable(member);
	member->powered = false;
	spin_unlock_irqrestore(&member->lock, flags);
	clk_bulk_disable_unprepare(member->num_clks, member->clks);
}

static void sysmmu_member_release_power(void *data)
{
	struct sysmmu_member *member = data;

	if (member->powered)
		sysmmu_member_power_off(member);
}

static int sysmmu_member_runtime_suspend(struct device *dev)
{
	sysmmu_member_power_off(dev_get_drvdata(dev));
	return 0;
}

static int sysmmu_member_runtime_resume(struct device *dev)
{
	return sysmmu_member_power_on(dev_get_drvdata(dev));
}

static int sysmmu_member_map(struct sysmmu_member *member,
			     struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_MEM, 0);

	if (!res)
		return dev_err_probe(member->dev, -EINVAL,
				     "no register window (reg)\n");
	member->model = sysmmu_model_find(res->start);
	if (member->model) {
		/* Claimed like the hardware window: two nodes, one instance. */
		if (!devm_request_mem_region(member->dev, res->start,
					     resource_size(res),
					     dev_name(member->dev)))
			return dev_err_probe(member->dev, -EBUSY,
					     "can't request region for resource %pR\n",
					     res);
		return 0;
	}
	member->base = devm_ioremap_resource(member->dev, res);
	return PTR_ERR_OR_ZERO(member->base);
}

static int sysmmu_member_identify(struct sysmmu_member *member,
				  const struct sysmmu_match_data *data)
{
	u32 version_reg, capa0 = 0, capa1 = 0;
	unsigned long flags;
	int ret;

	version_reg = sysmmu_read(member, SYSMMU_REG_VERSION);
	if (sysmmu_family_reads_capa(data->hint, version_reg)) {
		capa0 = sysmmu_read(member, SYSMMU_REG_CAPA0);
		if (capa0 & SYSMMU_CAPA0_CAPA1_EXIST)
			capa1 = sysmmu_read(member, SYSMMU_REG_CAPA1);
	}
	member->family = sysmmu_family_select_hint(data->hint, version_reg,
						   capa0, capa1,
						   &member->version);
	if (!member->family)
		return dev_err_probe(member->dev, -ENODEV,
				     "unsupported System MMU version %u.%u (VERSION %#x)\n",
				     SYSMMU_VERSION_MAJOR(member->version),
				     SYSMMU_VERSION_MINOR(member->version),
				     version_reg);
	ret = sysmmu_hw_identify(member);
	if (ret)
		return dev_err_probe(member->dev, ret,
				     "cannot identify the instance\n");
	if (member->family->has_streams) {
		ret = sysmmu_streams_parse(member, data->streams_required);
		if (ret)
			return ret;
	}
	spin_lock_irqsave(&member->lock, flags);
	sysmmu_hw_restore(member);
	spin_unlock_irqrestore(&member->lock, flags);
	dev_dbg(member->dev, "System MMU %u.%u, family %s, %u-bit IOVA\n",
		SYSMMU_VERSION_MAJOR(member->version),
		SYSMMU_VERSION_MINOR(member->version), member->family->name,
		member->max_ias);
	return 0;
}

static int sysmmu_member_probe(struct platform_device *pdev)
{
	const struct sysmmu_match_data *data;
	struct device *dev = &pdev->dev;
	struct sysmmu_member *member;
	int ret;

	data = device_get_match_data(dev) ?: &sysmmu_match_generic;
	member = devm_kzalloc(dev, sizeof(*member), GFP_KERNEL);
	if (!member)
		return -ENOMEM;
	member->dev = dev;
	spin_lock_init(&member->lock);
	ratelimit_state_init(&member->fault_rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);
	platform_set_drvdata(pdev, member);

	member->in_group = sysmmu_node_is_group(dev->of_node->parent);
	if (!member->in_group) {
		ret = sysmmu_check_iommu_cells(dev);
		if (ret)
			return ret;
	}

	ret = sysmmu_member_map(member, pdev);
	if (ret)
		return ret;

	member->irq = platform_get_irq(pdev, 0);
	if (member->irq < 0)
		return member->irq;

	member->num_clks = devm_clk_bulk_get_all(dev, &member->clks);
	if (member->num_clks < 0)
		return dev_err_probe(dev, member->num_clks, "cannot get clocks\n");
	if (!sysmmu_clocks_valid(member->clks, member->num_clks))
		return dev_err_probe(dev, -EINVAL,
				     "clock-names must be \"sysmmu\", \"sysmmu\", \"master\" or \"aclk\", \"pclk\"\n");

	ret = sysmmu_member_power_on(member);
	if (ret)
		return dev_err_probe(dev, ret, "cannot enable clocks\n");
	ret = devm_add_action_or_reset(dev, sysmmu_member_release_power, member);
	if (ret)
		return ret;

	ret = sysmmu_member_identify(member, data);
	if (ret)
		return ret;

	ret = devm_request_irq(dev, member->irq, sysmmu_member_irq, 0,
			       dev_name(dev), member);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request IRQ %d\n",
				     member->irq);

	pm_runtime_set_active(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	if (member->in_group)
		return component_add(dev, &sysmmu_member_component_ops);
	return sysmmu_aggregate_add_single(member);
}

static void sysmmu_member_remove(struct platform_device *pdev)
{
	struct sysmmu_member *member = platform_get_drvdata(pdev);

	/* Unregisters the aggregate before any of our resources go away. */
	if (member->in_group)
		component_del(&pdev->dev, &sysmmu_member_component_ops);
	else
		sysmmu_aggregate_remove_single(member);
}

/**
 * sysmmu_member_irq() - fault interrupt of one instance
 * @irq: the interrupt
 * @data: the instance
 *
 * Return: IRQ_HANDLED if the instance had a fault pending.
 */
irqreturn_t sysmmu_member_irq(int irq, void *data)
{
	return sysmmu_fault_handle(data) ? IRQ_HANDLED : IRQ_NONE;
}

static const struct dev_pm_ops sysmmu_member_pm_ops = {
	RUNTIME_PM_OPS(sysmmu_member_runtime_suspend,
		       sysmmu_member_runtime_resume, NULL)
	SYSTEM_SLEEP_PM_OPS(pm_runtime_force_suspend, pm_runtime_force_resume)
};

static const struct of_device_id sysmmu_member_of_match[] = {
	{ .compatible = "samsung,exynos-sysmmu", .data = &sysmmu_match_generic },
	{ .compatible = "google,gs101-sysmmu", .data = &sysmmu_match_gs101 },
	{ .compatible = "google,zuma-sysmmu", .data = &sysmmu_match_zuma },
	{ .compatible = "samsung,exynosautov920-sysmmu",
	  .data = &sysmmu_match_v920 },
	{ }
};
MODULE_DEVICE_TABLE(of, sysmmu_member_of_match);

struct platform_driver sysmmu_member_driver = {
	.probe = sysmmu_member_probe,
	.remove = sysmmu_member_remove,
	.driver = {
		.name = "exynos-sysmmu",
		.of_match_table = sysmmu_member_of_match,
		.pm = pm_ptr(&sysmmu_member_pm_ops),
	},
};
