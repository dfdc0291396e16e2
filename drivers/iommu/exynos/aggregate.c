// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU aggregates: bringing several instances up as one IOMMU.
 *
 * A group node is the component master of its children: the aggregate is
 * registered with the IOMMU core from the master's bind callback, which the
 * component framework runs once every child has probed (in any order,
 * however often they deferred), and unregistered from its unbind callback,
 * which runs before any child's resources are released. A standalone legacy
 * node is an aggregate of one, registered at the end of its own probe.
 */

#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "exynos-sysmmu.h"

#define SYSMMU_GROUP_COMPATIBLE	"samsung,exynos-sysmmu-group"
#define SYSMMU_GROUP_SUFFIX	"-group"

/* Aggregates whose members have all probed: what masters may use. */
static LIST_HEAD(sysmmu_aggregates);
static DEFINE_MUTEX(sysmmu_aggregates_lock);

/**
 * sysmmu_node_is_group() - whether a node is an aggregate (group) node
 * @np: the node, may be NULL
 *
 * Return: true for a group node.
 */
bool sysmmu_node_is_group(const struct device_node *np)
{
	return np && of_device_is_compatible(np, SYSMMU_GROUP_COMPATIBLE);
}

/**
 * sysmmu_aggregate_find() - look up a ready aggregate by its fwnode
 * @fwnode: the fwnode a master references
 *
 * Return: the aggregate, or NULL if none is ready for that fwnode.
 */
struct sysmmu_aggregate *sysmmu_aggregate_find(struct fwnode_handle *fwnode)
{
	struct sysmmu_aggregate *agg, *found = NULL;

	mutex_lock(&sysmmu_aggregates_lock);
	list_for_each_entry(agg, &sysmmu_aggregates, node) {
		if (agg->fwnode == fwnode) {
			found = agg;
			break;
		}
	}
	mutex_unlock(&sysmmu_aggregates_lock);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_aggregate_find);

/**
 * sysmmu_check_iommu_cells() - check the node masters reference
 * @dev: a group's device, or a standalone instance's
 *
 * Without "#iommu-cells = <0>" no master could reference the node, or the
 * core would hand this driver specifier cells it has no use for: refuse the
 * node rather than register an IOMMU nothing can be put behind.
 *
 * Return: 0, or -EINVAL after a message saying what is wrong.
 */
int sysmmu_check_iommu_cells(struct device *dev)
{
	u32 cells;

	if (of_property_read_u32(dev->of_node, "#iommu-cells", &cells))
		return dev_err_probe(dev, -EINVAL,
				     "missing #iommu-cells: masters cannot reference %pOF\n",
				     dev->of_node);
	if (cells)
		return dev_err_probe(dev, -EINVAL,
				     "#iommu-cells must be 0, not %u\n", cells);
	return 0;
}

/**
 * sysmmu_aggregate_publish() - make a fully set-up aggregate visible
 * @agg: the aggregate
 * @ready: true to publish it, false to withdraw it
 *
 * An aggregate is published before iommu_device_register(), whose bus scan
 * probes masters that reference it, and withdrawn after unregistering.
 */
void sysmmu_aggregate_publish(struct sysmmu_aggregate *agg, bool ready)
{
	mutex_lock(&sysmmu_aggregates_lock);
	if (ready)
		list_add_tail(&agg->node, &sysmmu_aggregates);
	else
		list_del(&agg->node);
	agg->ready = ready;
	mutex_unlock(&sysmmu_aggregates_lock);
}

static void sysmmu_aggregate_init(struct sysmmu_aggregate *agg,
				  struct device *dev)
{
	agg->dev = dev;
	agg->fwnode = dev_fwnode(dev);
	mutex_init(&agg->mutex);
	INIT_LIST_HEAD(&agg->domain_node);
	INIT_LIST_HEAD(&agg->node);
}

/* Standalone legacy nodes. */

/**
 * sysmmu_aggregate_add_single() - register a standalone instance
 * @member: a fully probed instance whose node is not in a group
 *
 * Return: 0 or a negative error code.
 */
int sysmmu_aggregate_add_single(struct sysmmu_member *member)
{
	struct sysmmu_aggregate *agg;
	int ret;

	agg = devm_kzalloc(member->dev, sizeof(*agg), GFP_KERNEL);
	if (!agg)
		return -ENOMEM;
	sysmmu_aggregate_init(agg, member->dev);
	agg->members = devm_kcalloc(member->dev, 1, sizeof(*agg->members),
				    GFP_KERNEL);
	if (!agg->members)
		return -ENOMEM;
	agg->members[0] = member;
	agg->nr_members = 1;
	member->agg = agg;

	ret = sysmmu_aggregate_register(agg);
	if (ret)
		member->agg = NULL;
	return ret;
}

/**
 * sysmmu_aggregate_remove_single() - unregister a standalone instance
 * @member: the instance
 */
void sysmmu_aggregate_remove_single(struct sysmmu_member *member)
{
	sysmmu_aggregate_unregister(member->agg);
	member->agg = NULL;
}

/* Group nodes: the component master and its members. */

static int sysmmu_member_bind(struct device *dev, struct device *master,
			      void *data)
{
	struct sysmmu_member *member = dev_get_drvdata(dev);
	struct sysmmu_aggregate *agg = data;

	member->agg = agg;
	member->index = agg->nr_members;
	agg->members[agg->nr_members++] = member;
	return 0;
}

static void sysmmu_member_unbind(struct device *dev, struct device *master,
				 void *data)
{
	struct sysmmu_member *member = dev_get_drvdata(dev);

	member->agg = NULL;
}

const struct component_ops sysmmu_member_component_ops = {
	.bind = sysmmu_member_bind,
	.unbind = sysmmu_member_unbind,
};

static int sysmmu_group_bind(struct device *dev)
{
	struct sysmmu_aggregate *agg = dev_get_drvdata(dev);
	int ret;

	agg->nr_members = 0;
	ret = component_bind_all(dev, agg);
	if (ret)
		return ret;
	ret = sysmmu_aggregate_register(agg);
	if (ret)
		component_unbind_all(dev, agg);
	return ret;
}

static void sysmmu_group_unbind(struct device *dev)
{
	struct sysmmu_aggregate *agg = dev_get_drvdata(dev);

	sysmmu_aggregate_unregister(agg);
	component_unbind_all(dev, agg);
	agg->nr_members = 0;
}

static const struct component_master_ops sysmmu_group_master_ops = {
	.bind = sysmmu_group_bind,
	.unbind = sysmmu_group_unbind,
};

static bool sysmmu_group_is_member(const struct device_node *np)
{
	return of_match_node(sysmmu_member_driver.driver.of_match_table, np);
}

/*
 * Every child of a group must be one of its members: a child left out (a
 * typo in its compatible, an instance of another SoC) would leave the
 * master's traffic through it untranslated, and a member masters could
 * reference directly (#iommu-cells) would make them wait for an IOMMU that
 * never registers. @soc is the members' compatible the group's implies, if
 * any.
 */
static int sysmmu_group_check_child(struct device *dev,
				    const struct device_node *child,
				    const char *soc)
{
	if (!sysmmu_group_is_member(child))
		return dev_err_probe(dev, -EINVAL,
				     "%pOF is not a System MMU instance\n", child);
	if (soc && !of_device_is_compatible(child, soc))
		return dev_err_probe(dev, -EINVAL,
				     "%pOF is not compatible with %s, as the group's members must be\n",
				     child, soc);
	if (of_property_present(child, "#iommu-cells"))
		return dev_err_probe(dev, -EINVAL,
				     "%pOF has #iommu-cells: masters must reference the group, not its members\n",
				     child);
	return 0;
}

/* "vendor,soc-sysmmu-group" implies members "vendor,soc-sysmmu". */
static const char *sysmmu_group_soc(struct device *dev, char *buf, size_t size)
{
	size_t len, suffix = strlen(SYSMMU_GROUP_SUFFIX);
	const char *compat;

	if (of_property_read_string(dev->of_node, "compatible", &compat) ||
	    !strcmp(compat, SYSMMU_GROUP_COMPATIBLE))
		return NULL;
	len = strlen(compat);
	if (len <= suffix || len - suffix >= size ||
	    strcmp(compat + len - suffix, SYSMMU_GROUP_SUFFIX))
		return NULL;
	strscpy(buf, compat, len - suffix + 1);
	return buf;
}

/* Name the instances a group still waits for: why it may never come up. */
static void sysmmu_group_log_waiting(struct device *dev)
{
	struct device_node *child;

	for_each_available_child_of_node(dev->of_node, child) {
		struct platform_device *pdev;

		if (!sysmmu_group_is_member(child))
			continue;
		pdev = of_find_device_by_node(child);
		if (!pdev || !device_is_bound(&pdev->dev))
			dev_info(dev, "waiting for System MMU instance %pOF\n",
				 child);
		platform_device_put(pdev);
	}
}

static int sysmmu_group_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct component_match *match = NULL;
	struct sysmmu_aggregate *agg;
	struct device_node *child;
	unsigned int nr = 0;
	const char *soc;
	char buf[64];
	int ret;

	ret = sysmmu_check_iommu_cells(dev);
	if (ret)
		return ret;
	soc = sysmmu_group_soc(dev, buf, sizeof(buf));
	for_each_available_child_of_node_scoped(dev->of_node, c) {
		ret = sysmmu_group_check_child(dev, c, soc);
		if (ret)
			return ret;
	}

	agg = devm_kzalloc(dev, sizeof(*agg), GFP_KERNEL);
	if (!agg)
		return -ENOMEM;
	sysmmu_aggregate_init(agg, dev);
	platform_set_drvdata(pdev, agg);

	for_each_available_child_of_node(dev->of_node, child) {
		component_match_add_release(dev, &match, component_release_of,
					    component_compare_of,
					    of_node_get(child));
		nr++;
	}
	if (IS_ERR(match))
		return PTR_ERR(match);
	if (!nr)
		return dev_err_probe(dev, -EINVAL,
				     "group has no System MMU instances\n");
	agg->members = devm_kcalloc(dev, nr, sizeof(*agg->members),
				    GFP_KERNEL);
	if (!agg->members)
		return -ENOMEM;

	ret = devm_of_platform_populate(dev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot create instances\n");

	ret = component_master_add_with_match(dev, &sysmmu_group_master_ops,
					      match);
	if (ret)
		return dev_err_probe(dev, ret, "cannot add component master\n");
	if (!READ_ONCE(agg->ready))
		sysmmu_group_log_waiting(dev);
	return 0;
}

static void sysmmu_group_remove(struct platform_device *pdev)
{
	/* Unregisters before devres depopulates the instances. */
	component_master_del(&pdev->dev, &sysmmu_group_master_ops);
}

static const struct of_device_id sysmmu_group_of_match[] = {
	{ .compatible = SYSMMU_GROUP_COMPATIBLE },
	{ }
};
MODULE_DEVICE_TABLE(of, sysmmu_group_of_match);

struct platform_driver sysmmu_group_driver = {
	.probe = sysmmu_group_probe,
	.remove = sysmmu_group_remove,
	.driver = {
		.name = "exynos-sysmmu-group",
		.of_match_table = sysmmu_group_of_match,
	},
};
