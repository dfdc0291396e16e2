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

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/jiffies.h>
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

/*
 * Registration order.
 *
 * The IOMMU core checks that an IOMMU is ready only for a master's first
 * "iommus" entry: iommu_fwspec_init() defers while dev->iommu is NULL, and
 * accepts every later entry of the same driver, ready or not. So a master
 * listing standalone nodes A and B could be configured at driver bind while
 * B is still in the middle of iommu_device_register(). Registering the
 * first entry of every master last closes that: an aggregate registers only
 * once every aggregate that some master lists after it has registered, and
 * the core's check of the first entry then covers the whole list. Masters
 * that list two aggregates in opposite orders cannot both be served so;
 * such aggregates are refused.
 */

#define SYSMMU_ORDER_DEPTH	8

/* A node this driver registers an aggregate for: a group, or standalone. */
static bool sysmmu_node_is_aggregate(const struct device_node *np)
{
	if (!of_device_is_available(np))
		return false;
	if (sysmmu_node_is_group(np))
		return true;
	return !sysmmu_node_is_group(np->parent) &&
	       of_match_node(sysmmu_member_driver.driver.of_match_table, np);
}

/**
 * sysmmu_aggregate_dev() - the devices behind an aggregate, one by one
 * @agg: the aggregate
 * @i: index, from 0
 *
 * Return: the members' devices, then the group node's device when that is
 * not a member's; NULL past the last one.
 */
struct device *sysmmu_aggregate_dev(struct sysmmu_aggregate *agg,
				    unsigned int i)
{
	if (i < agg->nr_members)
		return agg->members[i]->dev;
	if (i == agg->nr_members && agg->dev != agg->members[0]->dev)
		return agg->dev;
	return NULL;
}

/* The node of the aggregate that @np is behind: itself, or its group. */
static struct device_node *sysmmu_aggregate_node(struct device_node *np)
{
	return sysmmu_node_is_aggregate(np) ? np : np->parent;
}

/**
 * sysmmu_aggregate_masters() - the masters behind a device's aggregate
 * @dev: a member's device, or a group node's device
 * @masters: set to an array of referenced devices, which the caller puts
 *	and frees, or to NULL
 *
 * Looked up under the list lock, so that an aggregate being torn down is
 * either still listed, with its masters, or not found at all.
 *
 * Return: the number of entries in @masters.
 */
unsigned int sysmmu_aggregate_masters(struct device *dev,
				      struct device ***masters)
{
	struct device_node *np = dev->of_node;
	struct sysmmu_master_link *link;
	struct sysmmu_aggregate *agg;
	unsigned int n = 0;

	*masters = NULL;
	if (!np)
		return 0;
	np = sysmmu_aggregate_node(np);
	mutex_lock(&sysmmu_aggregates_lock);
	list_for_each_entry(agg, &sysmmu_aggregates, node) {
		if (agg->fwnode != of_fwnode_handle(np))
			continue;
		mutex_lock(&agg->mutex);
		list_for_each_entry(link, &agg->masters, node)
			n++;
		*masters = n ? kcalloc(n, sizeof(**masters), GFP_KERNEL) : NULL;
		n = 0;
		if (*masters)
			list_for_each_entry(link, &agg->masters, node)
				(*masters)[n++] = get_device(link->master->dev);
		mutex_unlock(&agg->mutex);
		break;
	}
	mutex_unlock(&sysmmu_aggregates_lock);
	return n;
}

/**
 * sysmmu_aggregate_suppliers() - the devices behind a master's aggregates
 * @master: a device that may be a master behind aggregates
 * @devs: set to an array of referenced devices, which the caller puts and
 *	frees, or to NULL
 *
 * Return: the number of entries in @devs: every member's device, and the
 * group node's device, of each listed aggregate that @master is behind.
 */
unsigned int sysmmu_aggregate_suppliers(struct device *master,
					struct device ***devs)
{
	struct sysmmu_master_link *link;
	struct sysmmu_aggregate *agg;
	struct device *dev;
	unsigned int n = 0, max = 0, i;

	*devs = NULL;
	if (!master->of_node || !of_property_present(master->of_node, "iommus"))
		return 0;
	mutex_lock(&sysmmu_aggregates_lock);
	list_for_each_entry(agg, &sysmmu_aggregates, node)
		max += agg->nr_members + 1;
	if (max)
		*devs = kcalloc(max, sizeof(**devs), GFP_KERNEL);
	list_for_each_entry(agg, &sysmmu_aggregates, node) {
		bool behind = false;

		if (!*devs)
			break;
		mutex_lock(&agg->mutex);
		list_for_each_entry(link, &agg->masters, node)
			behind |= link->master->dev == master;
		mutex_unlock(&agg->mutex);
		if (!behind)
			continue;
		for (i = 0; (dev = sysmmu_aggregate_dev(agg, i)); i++)
			(*devs)[n++] = get_device(dev);
	}
	mutex_unlock(&sysmmu_aggregates_lock);
	return n;
}

/* Whether @master lists @np first. */
static bool sysmmu_master_lists_first(struct device_node *master,
				      struct device_node *np)
{
	struct of_phandle_args args;

	if (!of_device_is_available(master) ||
	    of_parse_phandle_with_args(master, "iommus", "#iommu-cells", 0,
				       &args))
		return false;
	of_node_put(args.np);
	return args.np == np;
}

/**
 * sysmmu_aggregate_first_masters() - the masters a device's aggregate
 *	configures
 * @dev: a member's device, or a group node's device
 * @devs: set to an array of referenced devices, which the caller puts and
 *	frees, or to NULL
 *
 * Return: the number of entries in @devs: the devices of the masters that
 * list @dev's aggregate first, if it is registered; none otherwise.
 */
unsigned int sysmmu_aggregate_first_masters(struct device *dev,
					    struct device ***devs)
{
	struct device_node *np = dev->of_node, *master;
	struct sysmmu_aggregate *agg;
	bool registered = false;
	unsigned int n = 0, max = 0;

	*devs = NULL;
	if (!np)
		return 0;
	np = sysmmu_aggregate_node(np);
	mutex_lock(&sysmmu_aggregates_lock);
	list_for_each_entry(agg, &sysmmu_aggregates, node)
		if (agg->fwnode == of_fwnode_handle(np))
			registered = READ_ONCE(agg->registered);
	mutex_unlock(&sysmmu_aggregates_lock);
	if (!registered)
		return 0;
	for_each_node_with_property(master, "iommus")
		max += sysmmu_master_lists_first(master, np);
	*devs = max ? kcalloc(max, sizeof(**devs), GFP_KERNEL) : NULL;
	if (!*devs)
		return 0;
	for_each_node_with_property(master, "iommus") {
		struct platform_device *pdev;

		if (!sysmmu_master_lists_first(master, np))
			continue;
		/* An overlay may have added one since the count. */
		if (n == max) {
			of_node_put(master);
			break;
		}
		pdev = of_find_device_by_node(master);
		if (pdev)
			(*devs)[n++] = &pdev->dev;
	}
	return n;
}

/*
 * Call @fn for every entry that an available master lists after @np, @np
 * being its first entry; stop at the first non-zero return.
 */
static int sysmmu_visit_followers(struct device_node *np,
				  int (*fn)(struct device_node *follower,
					    struct device_node *master,
					    void *data),
				  void *data)
{
	struct of_phandle_args args;
	struct device_node *master;
	int i, n, ret = 0;

	for_each_node_with_property(master, "iommus") {
		if (!sysmmu_master_lists_first(master, np))
			continue;
		n = of_count_phandle_with_args(master, "iommus", "#iommu-cells");
		for (i = 1; i < n && !ret; i++) {
			if (of_parse_phandle_with_args(master, "iommus",
						       "#iommu-cells", i, &args))
				continue;
			if (args.np != np && sysmmu_node_is_aggregate(args.np))
				ret = fn(args.np, master, data);
			of_node_put(args.np);
		}
		if (ret) {
			of_node_put(master);
			break;
		}
	}
	return ret;
}

struct sysmmu_order_walk {
	struct device_node *target;
	unsigned int depth;
};

/* Whether @np, or anything that must register before it, lists the target. */
static int sysmmu_order_reaches(struct device_node *np,
				struct device_node *master, void *data)
{
	struct sysmmu_order_walk *walk = data;
	int ret;

	if (np == walk->target)
		return 1;
	if (walk->depth == SYSMMU_ORDER_DEPTH)
		return 0;
	walk->depth++;
	ret = sysmmu_visit_followers(np, sysmmu_order_reaches, walk);
	walk->depth--;
	return ret;
}

static struct sysmmu_aggregate *
sysmmu_aggregate_find_registered(struct fwnode_handle *fwnode)
{
	struct sysmmu_aggregate *agg, *found = NULL;

	lockdep_assert_held(&sysmmu_aggregates_lock);
	list_for_each_entry(agg, &sysmmu_aggregates, node) {
		if (agg->fwnode == fwnode && READ_ONCE(agg->registered)) {
			found = agg;
			break;
		}
	}
	return found;
}

/* Make @consumer go away before any device of @agg does. */
static int sysmmu_order_link(struct device *consumer,
			     struct sysmmu_aggregate *agg)
{
	struct device *supplier;
	unsigned int i;

	for (i = 0; (supplier = sysmmu_aggregate_dev(agg, i)); i++) {
		/*
		 * A managed link to a device whose link status does not say
		 * "bound" yet (the one whose probe registered @agg) would stay
		 * "available" instead of "active" for a bound @consumer: the
		 * driver core would not take @consumer down first when that
		 * device goes away.
		 */
		if (READ_ONCE(supplier->links.status) != DL_DEV_DRIVER_BOUND)
			return -EAGAIN;
		/* Managed: kept for as long as both devices exist. */
		if (!device_link_add(consumer, supplier,
				     DL_FLAG_AUTOPROBE_CONSUMER))
			return dev_err_probe(consumer, -EINVAL,
					     "cannot link to %s\n",
					     dev_name(supplier));
	}
	return 0;
}

static int sysmmu_order_follower(struct device_node *follower,
				 struct device_node *master, void *data)
{
	struct sysmmu_aggregate *agg = data, *dep;
	struct device_node *np = to_of_node(agg->fwnode);
	struct sysmmu_order_walk walk = { .target = np };
	int ret;

	if (sysmmu_order_reaches(follower, master, &walk))
		return dev_err_probe(agg->dev, -EINVAL,
				     "%pOF lists %pOF after %pOF, and another master lists them in the opposite order: refusing both\n",
				     master, follower, np);
	mutex_lock(&sysmmu_aggregates_lock);
	dep = sysmmu_aggregate_find_registered(of_fwnode_handle(follower));
	if (!dep) {
		mutex_unlock(&sysmmu_aggregates_lock);
		/* A deferral: a debug message, and the reason in debugfs. */
		return dev_err_probe(agg->dev, -EPROBE_DEFER,
				     "waiting for %pOF, which %pOF lists after %pOF\n",
				     follower, master, np);
	}
	ret = sysmmu_order_link(agg->dev, dep);
	mutex_unlock(&sysmmu_aggregates_lock);
	if (ret == -EAGAIN)
		/* Retried when that device is bound: a deferral. */
		return dev_err_probe(agg->dev, -EPROBE_DEFER,
				     "waiting for %pOF to finish probing\n",
				     follower);
	return ret;
}

/**
 * sysmmu_aggregate_order() - wait for the aggregates @agg must follow
 * @agg: an aggregate about to register
 *
 * @agg registers once every aggregate that a master lists after it has
 * registered (see "Registration order" above). Each of those becomes a
 * device-link supplier of @agg's device, so that the driver core takes @agg
 * down first when one of them goes away, releasing its masters, and brings
 * it up again after.
 *
 * Return: 0 when @agg may register; -EPROBE_DEFER while one of them has not
 * registered; -EINVAL when masters list @agg and another aggregate in
 * opposite orders, or on a link failure.
 */
int sysmmu_aggregate_order(struct sysmmu_aggregate *agg)
{
	return sysmmu_visit_followers(to_of_node(agg->fwnode),
				      sysmmu_order_follower, agg);
}

/*
 * The masters' bind window.
 *
 * An aggregate's bus scan skips a master that is inside really_probe()
 * between device_set_driver() and dma_configure(): that master defers,
 * because the aggregate is not ready yet, and its retry then configures it
 * at driver bind ("late IOMMU probe at driver bind"). fw_devlink does not
 * hold it back: a group's device is bound long before its aggregate
 * registers, and with fw_devlink=permissive nothing does. So while an
 * aggregate registers, the masters that list it first are kept out of
 * driver bind by holding their device locks.
 *
 * Only trylocks, and a bounded wait: a master's lock can be held for long
 * in its probe, for example by a component-based driver waiting in
 * component_add() for the component mutex that a group's registration runs
 * under. Such a master is past dma_configure(), so outside the window: it
 * is either configured already or runs without an IOMMU, and is not
 * waited for beyond SYSMMU_HOLD_WAIT_MS.
 */

#define SYSMMU_HOLD_WAIT_MS	1000

/* Wait for @dev's lock unless it is configured or the wait runs out. */
static bool sysmmu_hold_one(struct device *dev)
{
	unsigned long deadline = jiffies +
				 msecs_to_jiffies(SYSMMU_HOLD_WAIT_MS);

	while (!device_trylock(dev)) {
		if (READ_ONCE(dev->iommu_group))
			return false;
		if (time_after(jiffies, deadline)) {
			dev_dbg(dev, "busy while its IOMMU registers\n");
			return false;
		}
		usleep_range(200, 500);
	}
	return true;
}

/**
 * sysmmu_aggregate_hold_masters() - keep masters out of driver bind
 * @agg: an aggregate about to register
 * @hold: filled with the devices held, for sysmmu_aggregate_release_masters()
 *
 * See "The masters' bind window" above.
 *
 * Return: 0, or -ENOMEM with nothing held.
 */
int sysmmu_aggregate_hold_masters(struct sysmmu_aggregate *agg,
				  struct sysmmu_master_hold *hold)
{
	struct device_node *np = to_of_node(agg->fwnode), *master;
	unsigned int n = 0, seen = 0;

	hold->nr = 0;
	hold->devs = NULL;
	for_each_node_with_property(master, "iommus")
		n += sysmmu_master_lists_first(master, np);
	if (!n)
		return 0;
	hold->devs = kcalloc(n, sizeof(*hold->devs), GFP_KERNEL);
	if (!hold->devs)
		return -ENOMEM;
	/* Always in the same order, the tree's: concurrent holders agree. */
	for_each_node_with_property(master, "iommus") {
		struct platform_device *pdev;

		if (!sysmmu_master_lists_first(master, np))
			continue;
		/* An overlay may have added one since the count. */
		if (seen++ == n) {
			of_node_put(master);
			break;
		}
		pdev = of_find_device_by_node(master);
		if (!pdev)
			continue;
		if (sysmmu_hold_one(&pdev->dev))
			hold->devs[hold->nr++] = &pdev->dev;
		else
			put_device(&pdev->dev);
	}
	return 0;
}

/**
 * sysmmu_aggregate_release_masters() - let held masters bind again
 * @hold: what sysmmu_aggregate_hold_masters() filled in
 */
void sysmmu_aggregate_release_masters(struct sysmmu_master_hold *hold)
{
	while (hold->nr) {
		struct device *dev = hold->devs[--hold->nr];

		device_unlock(dev);
		put_device(dev);
	}
	kfree(hold->devs);
	hold->devs = NULL;
}

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

/* The fault handler reads it under the member's lock. */
static void sysmmu_member_set_agg(struct sysmmu_member *member,
				  struct sysmmu_aggregate *agg)
{
	unsigned long flags;

	spin_lock_irqsave(&member->lock, flags);
	member->agg = agg;
	spin_unlock_irqrestore(&member->lock, flags);
}

static void sysmmu_aggregate_init(struct sysmmu_aggregate *agg,
				  struct device *dev)
{
	agg->dev = dev;
	agg->fwnode = dev_fwnode(dev);
	mutex_init(&agg->mutex);
	INIT_LIST_HEAD(&agg->domain_node);
	INIT_LIST_HEAD(&agg->node);
	INIT_LIST_HEAD(&agg->masters);
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
	sysmmu_member_set_agg(member, agg);

	ret = sysmmu_aggregate_register(agg);
	if (ret)
		sysmmu_member_set_agg(member, NULL);
	return ret;
}

/**
 * sysmmu_aggregate_remove_single() - unregister a standalone instance
 * @member: the instance
 */
void sysmmu_aggregate_remove_single(struct sysmmu_member *member)
{
	sysmmu_aggregate_unregister(member->agg);
	sysmmu_member_set_agg(member, NULL);
}

/* Group nodes: the component master and its members. */

static int sysmmu_member_bind(struct device *dev, struct device *master,
			      void *data)
{
	struct sysmmu_member *member = dev_get_drvdata(dev);
	struct sysmmu_aggregate *agg = data;

	sysmmu_member_set_agg(member, agg);
	member->index = agg->nr_members;
	agg->members[agg->nr_members++] = member;
	return 0;
}

static void sysmmu_member_unbind(struct device *dev, struct device *master,
				 void *data)
{
	struct sysmmu_member *member = dev_get_drvdata(dev);

	sysmmu_member_set_agg(member, NULL);
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
	if (!of_device_is_available(child))
		return dev_err_probe(dev, -EINVAL,
				     "%pOF is disabled: the master's port behind it would not be translated\n",
				     child);
	return 0;
}

/*
 * A master that lists a member itself would bypass the group's aggregate.
 * A member has no #iommu-cells, so the entry pointing at it does not parse
 * as a specifier: past entries of no cells, the Nth phandle is entry N.
 */
static int sysmmu_group_check_masters(struct device *dev)
{
	struct of_phandle_args args;
	struct device_node *master, *np;
	int i, ret;

	for_each_node_with_property(master, "iommus") {
		for (i = 0; ; i++) {
			ret = of_parse_phandle_with_args(master, "iommus",
							 "#iommu-cells", i,
							 &args);
			if (!ret) {
				of_node_put(args.np);
				if (args.args_count)
					break;
				continue;
			}
			np = of_parse_phandle(master, "iommus", i);
			if (np && np->parent == dev->of_node) {
				ret = dev_err_probe(dev, -EINVAL,
						    "%pOF lists member %pOF: masters must reference the group\n",
						    master, np);
				of_node_put(np);
				of_node_put(master);
				return ret;
			}
			of_node_put(np);
			break;
		}
	}
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
	for_each_child_of_node_scoped(dev->of_node, c) {
		ret = sysmmu_group_check_child(dev, c, soc);
		if (ret)
			return ret;
	}
	ret = sysmmu_group_check_masters(dev);
	if (ret)
		return ret;

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
