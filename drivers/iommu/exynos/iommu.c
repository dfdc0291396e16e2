// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU: the IOMMU API over aggregates.
 *
 * The core sees one iommu_device per aggregate. Attaching a domain to a
 * master programs every member of every aggregate the master is behind, or
 * none of them. Page tables belong to domains; TLB maintenance fans out to
 * the powered members of every aggregate a domain is attached to.
 */

#include <linux/async.h>
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <kunit/static_stub.h>
#include <kunit/visibility.h>

#include "../dma-iommu.h"
#include "../iommu-pages.h"
#include "exynos-sysmmu.h"

/*
 * Walker callbacks of the page-table format. The level-1 table is whole
 * pages from iommu_alloc_pages_sz(), whose mapping for the walker the
 * core's incoherent-page helpers keep; level-2 tables (1 KiB, from a
 * kmem_cache) are mapped here. Either way the walker reads them by
 * physical address.
 */

static int sysmmu_pt_table_added(void *cookie, void *table, size_t size)
{
	struct sysmmu_domain *dom = cookie;
	dma_addr_t dma;

	if (size >= PAGE_SIZE)
		return iommu_pages_start_incoherent(table, dom->walker);

	/* No clean here: the format syncs every new table whole next. */
	dma = dma_map_single_attrs(dom->walker, table, size, DMA_TO_DEVICE,
				   DMA_ATTR_SKIP_CPU_SYNC);
	if (dma_mapping_error(dom->walker, dma))
		return -ENOMEM;
	if (dma != virt_to_phys(table)) {
		dma_unmap_single(dom->walker, dma, size, DMA_TO_DEVICE);
		dev_err_ratelimited(dom->walker,
				    "page table not reachable by its physical address\n");
		return -EINVAL;
	}
	return 0;
}

static void sysmmu_pt_table_removed(void *cookie, void *table, size_t size)
{
	struct sysmmu_domain *dom = cookie;
	struct iommu_pages_list lv1 = IOMMU_PAGES_LIST_INIT(lv1);

	if (size < PAGE_SIZE) {
		dma_unmap_single(dom->walker, virt_to_phys(table), size,
				 DMA_TO_DEVICE);
		return;
	}
	/* The format frees the pages next. */
	iommu_pages_list_add(&lv1, table);
	iommu_pages_stop_incoherent_list(&lv1, dom->walker);
}

static void sysmmu_pt_sync(void *cookie, void *ptr, size_t size)
{
	struct sysmmu_domain *dom = cookie;

	iommu_pages_flush_incoherent(dom->walker, ptr, 0, size);
}

/* TLB maintenance, fanned out to powered members. */

enum sysmmu_tlb_op {
	SYSMMU_TLB_RANGE,
	SYSMMU_TLB_ALL,
	SYSMMU_TLB_LV1,
};

static void sysmmu_member_tlb_op(struct sysmmu_member *member,
				 enum sysmmu_tlb_op op, u64 iova, u64 size)
{
	switch (op) {
	case SYSMMU_TLB_RANGE:
		dev_dbg(member->dev, "invalidate %#llx..%#llx\n", iova,
			iova + size - 1);
		sysmmu_hw_flush_range(member, iova, size);
		break;
	case SYSMMU_TLB_ALL:
		sysmmu_hw_flush_all(member);
		break;
	case SYSMMU_TLB_LV1:
		sysmmu_hw_flush_lv1(member, iova);
		break;
	}
}

static void sysmmu_domain_tlb_op(struct sysmmu_domain *dom,
				 enum sysmmu_tlb_op op, u64 iova, u64 size)
{
	phys_addr_t base = exynos_pt_base(dom->pt);
	struct sysmmu_aggregate *agg;
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&dom->lock, flags);
	list_for_each_entry(agg, &dom->aggs, domain_node) {
		for (i = 0; i < agg->nr_members; i++) {
			struct sysmmu_member *member = agg->members[i];

			spin_lock(&member->lock);
			/* An unpowered member is fully flushed on resume. */
			if (member->powered && member->enabled &&
			    member->pt_base == base)
				sysmmu_member_tlb_op(member, op, iova, size);
			spin_unlock(&member->lock);
		}
	}
	spin_unlock_irqrestore(&dom->lock, flags);
}

/*
 * Synchronous: when a section replaces an empty level-2 table, the format
 * frees that table as soon as this returns, and no cached level-1 entry
 * may still point at it.
 */
static void sysmmu_pt_flush_lv1(void *cookie, unsigned long iova)
{
	sysmmu_domain_tlb_op(cookie, SYSMMU_TLB_LV1, iova, SZ_1M);
}

static const struct exynos_pt_ops sysmmu_pt_ops_noncoherent = {
	.table_added = sysmmu_pt_table_added,
	.table_removed = sysmmu_pt_table_removed,
	.sync = sysmmu_pt_sync,
	.flush_lv1 = sysmmu_pt_flush_lv1,
};

static const struct exynos_pt_ops sysmmu_pt_ops_coherent = {
	.table_added = sysmmu_pt_table_added,
	.table_removed = sysmmu_pt_table_removed,
	.flush_lv1 = sysmmu_pt_flush_lv1,
};

/* Fold the members of @agg into @cfg: a format all of them can walk. */
static int sysmmu_aggregate_pt_cfg(struct sysmmu_aggregate *agg,
				   struct exynos_pt_cfg *cfg, bool first)
{
	unsigned int i;

	for (i = 0; i < agg->nr_members; i++) {
		const struct sysmmu_member *member = agg->members[i];
		const struct sysmmu_family *family = member->family;

		if (first && !i) {
			cfg->ias = member->max_ias;
			cfg->pte_shift = family->pte_shift;
			cfg->prot_fmt = family->prot_fmt;
			cfg->zero_lv2 = false;
		} else if (family->pte_shift != cfg->pte_shift ||
			   family->prot_fmt != cfg->prot_fmt) {
			return -EINVAL;
		}
		/* 36-bit tables only if every member reported 36-bit IOVAs. */
		cfg->ias = min(cfg->ias, member->max_ias);
		cfg->zero_lv2 |= family->zero_lv2;
	}
	return 0;
}

static struct sysmmu_domain *sysmmu_domain_create(struct device *walker,
						  const struct exynos_pt_cfg *cfg)
{
	struct sysmmu_domain *dom;

	dom = kzalloc_obj(*dom, GFP_KERNEL);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&dom->lock);
	INIT_LIST_HEAD(&dom->aggs);
	dom->walker = get_device(walker);

	dom->cfg = *cfg;
	dom->cfg.ops = dev_is_dma_coherent(walker) ? &sysmmu_pt_ops_coherent :
						     &sysmmu_pt_ops_noncoherent;
	dom->cfg.cookie = dom;
	dom->pt = exynos_pt_alloc(&dom->cfg, GFP_KERNEL);
	if (!dom->pt) {
		put_device(dom->walker);
		kfree(dom);
		return ERR_PTR(-ENOMEM);
	}

	dom->domain.geometry.aperture_start = 0;
	dom->domain.geometry.aperture_end = exynos_pt_iova_limit(dom->pt) - 1;
	dom->domain.geometry.force_aperture = true;
	dom->domain.pgsize_bitmap = EXYNOS_PT_PGSIZES;
	return dom;
}

static void sysmmu_domain_destroy(struct sysmmu_domain *dom)
{
	exynos_pt_free(dom->pt);
	put_device(dom->walker);
	kfree(dom);
}

/* Domain operations. */

static int sysmmu_map_pages(struct iommu_domain *domain, unsigned long iova,
			    phys_addr_t paddr, size_t pgsize, size_t pgcount,
			    int prot, gfp_t gfp, size_t *mapped)
{
	return exynos_pt_map(to_sysmmu_domain(domain)->pt, iova, paddr, pgsize,
			     pgcount, prot, gfp, mapped);
}

static size_t sysmmu_unmap_pages(struct iommu_domain *domain,
				 unsigned long iova, size_t pgsize,
				 size_t pgcount,
				 struct iommu_iotlb_gather *gather)
{
	size_t size;

	size = exynos_pt_unmap(to_sysmmu_domain(domain)->pt, iova, pgsize,
			       pgcount);
	if (size)
		iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static void sysmmu_iotlb_sync(struct iommu_domain *domain,
			      struct iommu_iotlb_gather *gather)
{
	if (gather->end < gather->start)
		return;
	sysmmu_domain_tlb_op(to_sysmmu_domain(domain), SYSMMU_TLB_RANGE,
			     gather->start, gather->end - gather->start + 1);
}

static void sysmmu_flush_iotlb_all(struct iommu_domain *domain)
{
	sysmmu_domain_tlb_op(to_sysmmu_domain(domain), SYSMMU_TLB_ALL, 0, 0);
}

static phys_addr_t sysmmu_iova_to_phys(struct iommu_domain *domain,
				       dma_addr_t iova)
{
	return exynos_pt_iova_to_phys(to_sysmmu_domain(domain)->pt, iova);
}

static void sysmmu_domain_free(struct iommu_domain *domain)
{
	sysmmu_domain_destroy(to_sysmmu_domain(domain));
}

/* Attach: every member of every aggregate of the master, or none. */

/**
 * sysmmu_member_attach() - point one member at a page table
 * @member: the member
 * @pt_base: level-1 table address, or 0 for bypass
 * @domain: the domain being attached
 *
 * Return: 0, or -ERANGE when the member cannot reach the table.
 */
int sysmmu_member_attach(struct sysmmu_member *member, phys_addr_t pt_base,
			 struct iommu_domain *domain)
{
	KUNIT_STATIC_STUB_REDIRECT(sysmmu_member_attach, member, pt_base,
				   domain);

	if (pt_base && (u64)pt_base >> member->family->max_pa_bits)
		return -ERANGE;
	sysmmu_member_set_table(member, pt_base, domain);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_member_attach);

static phys_addr_t sysmmu_table_of(struct sysmmu_aggregate *agg,
				   struct iommu_domain *domain)
{
	if (!domain || domain->type == IOMMU_DOMAIN_IDENTITY)
		return 0;
	if (domain->type == IOMMU_DOMAIN_BLOCKED)
		return exynos_pt_base(agg->blocking->pt);
	return exynos_pt_base(to_sysmmu_domain(domain)->pt);
}

static struct sysmmu_domain *sysmmu_paging(struct iommu_domain *domain)
{
	return domain && (domain->type & __IOMMU_DOMAIN_PAGING) ?
		to_sysmmu_domain(domain) : NULL;
}

/*
 * Whether every member of @agg can walk @dom's table: same entry format, an
 * IOVA space no larger than theirs, and the zero level-2 link where one of
 * them needs it (a table that has it suits members that do not).
 */
static bool sysmmu_domain_fits(struct sysmmu_aggregate *agg,
			       struct sysmmu_domain *dom)
{
	struct exynos_pt_cfg cfg;

	if (sysmmu_aggregate_pt_cfg(agg, &cfg, true))
		return false;
	return cfg.pte_shift == dom->cfg.pte_shift &&
	       cfg.prot_fmt == dom->cfg.prot_fmt &&
	       (!cfg.zero_lv2 || dom->cfg.zero_lv2) && cfg.ias >= dom->cfg.ias;
}

static void sysmmu_domain_link(struct sysmmu_domain *dom,
			       struct sysmmu_aggregate *agg, bool link)
{
	unsigned long flags;

	if (!dom)
		return;
	spin_lock_irqsave(&dom->lock, flags);
	if (link)
		list_add_tail(&agg->domain_node, &dom->aggs);
	else
		list_del_init(&agg->domain_node);
	spin_unlock_irqrestore(&dom->lock, flags);
}

static int sysmmu_aggregate_attach(struct sysmmu_aggregate *agg,
				   struct iommu_domain *domain)
{
	struct sysmmu_domain *new = sysmmu_paging(domain);
	struct sysmmu_domain *old;
	phys_addr_t base, old_base;
	unsigned int i;
	int ret = 0;

	mutex_lock(&agg->mutex);
	if (agg->domain == domain)
		goto out;
	if (new && !sysmmu_domain_fits(agg, new)) {
		ret = -EINVAL;
		goto out;
	}
	old = sysmmu_paging(agg->domain);
	base = sysmmu_table_of(agg, domain);
	old_base = sysmmu_table_of(agg, agg->domain);

	/*
	 * Moved to the new domain's list before programming, so that no
	 * invalidation of the new table can be missed. A member still on the
	 * old table misses none that matters: switching tables invalidates
	 * its whole TLB (sysmmu_hw_enable()), or stops translation.
	 */
	sysmmu_domain_link(old, agg, false);
	sysmmu_domain_link(new, agg, true);
	for (i = 0; i < agg->nr_members; i++) {
		ret = sysmmu_member_attach(agg->members[i], base, domain);
		if (ret)
			break;
	}
	if (ret) {
		dev_err(agg->dev, "cannot attach %s: %d, rolling back\n",
			dev_name(agg->members[i]->dev), ret);
		while (i--)
			sysmmu_member_set_table(agg->members[i], old_base,
						agg->domain);
		sysmmu_domain_link(new, agg, false);
		sysmmu_domain_link(old, agg, true);
		goto out;
	}
	agg->domain = domain;
	dev_dbg(agg->dev, "attached a %s domain, page table %pa\n",
		!domain ? "null" : new ? "paging" :
		domain->type == IOMMU_DOMAIN_BLOCKED ? "blocked" : "identity",
		&base);
out:
	mutex_unlock(&agg->mutex);
	return ret;
}

static int sysmmu_attach_dev(struct iommu_domain *domain, struct device *dev,
			     struct iommu_domain *old)
{
	struct sysmmu_master *master = dev_iommu_priv_get(dev);
	unsigned int i;
	int ret = 0;

	for (i = 0; i < master->nr_aggs; i++) {
		ret = sysmmu_aggregate_attach(master->aggs[i], domain);
		if (ret)
			break;
	}
	/* Every aggregate of the master was on @old: put back the ones moved. */
	if (ret)
		while (i--)
			sysmmu_aggregate_attach(master->aggs[i], old);
	return ret;
}

static const struct iommu_domain_ops sysmmu_domain_ops = {
	.attach_dev = sysmmu_attach_dev,
	.map_pages = sysmmu_map_pages,
	.unmap_pages = sysmmu_unmap_pages,
	.iotlb_sync = sysmmu_iotlb_sync,
	.flush_iotlb_all = sysmmu_flush_iotlb_all,
	.iova_to_phys = sysmmu_iova_to_phys,
	.free = sysmmu_domain_free,
};

static const struct iommu_domain_ops sysmmu_static_domain_ops = {
	.attach_dev = sysmmu_attach_dev,
};

/* Bypass: a disabled instance passes transactions through untranslated. */
static struct iommu_domain sysmmu_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &sysmmu_static_domain_ops,
};

/* Blocked: translate with the aggregate's empty table, so DMA faults. */
static struct iommu_domain sysmmu_blocked_domain = {
	.type = IOMMU_DOMAIN_BLOCKED,
	.ops = &sysmmu_static_domain_ops,
};

/*
 * A table every aggregate of the master can walk, so that attaching it to
 * the master reaches all of them. Its cache maintenance goes through the
 * first aggregate's device.
 */
static struct iommu_domain *sysmmu_domain_alloc_paging(struct device *dev)
{
	struct sysmmu_master *master = dev_iommu_priv_get(dev);
	struct sysmmu_domain *dom;
	struct exynos_pt_cfg cfg;
	unsigned int i;

	for (i = 0; i < master->nr_aggs; i++)
		if (sysmmu_aggregate_pt_cfg(master->aggs[i], &cfg, !i))
			return ERR_PTR(-EINVAL);
	dom = sysmmu_domain_create(master->aggs[0]->dev, &cfg);
	if (IS_ERR(dom))
		return ERR_CAST(dom);
	dom->domain.ops = &sysmmu_domain_ops;
	return &dom->domain;
}

/* Masters. */

static int sysmmu_of_xlate(struct device *dev,
			   const struct of_phandle_args *args)
{
	/*
	 * Nothing to record: probe_device() reads the "iommus" property as a
	 * whole, so a failed or repeated configuration leaves nothing behind.
	 */
	return args->args_count ? -EINVAL : 0;
}

static int sysmmu_master_add_aggregate(struct sysmmu_master *master,
				       struct sysmmu_aggregate *agg)
{
	unsigned int i;

	for (i = 0; i < master->nr_aggs; i++)
		if (master->aggs[i] == agg)
			return 0;
	master->aggs[master->nr_aggs++] = agg;
	return 0;
}

/*
 * A master's links to the devices behind its aggregates.
 *
 * A stateless link, added at probe_device() and dropped at release, lets
 * the master's runtime PM drive every member's. A managed link, kept by the
 * driver core for as long as both devices exist (its creator must not
 * delete it; it keeps the runtime PM flag), unbinds the master before the
 * device.
 *
 * The managed link is made only while the device's link status says
 * "bound" and the master's says "bound" or "no driver", so that it starts
 * out "active" or "available": at probe_device() when that holds, else
 * from sysmmu_bound_notify() when the other end's driver binds (the core
 * sets that status after device_is_bound() turns true, and before the
 * notifier). Made to a device still in the probe that registers the
 * aggregate (the bus scan runs there), it would stay "available" for a
 * bound master, which the core then does not unbind first. Made while the
 * master's status says "probing", which the core leaves after a deferral in
 * device_links_check_suppliers(), it would start out "consumer probe": the
 * master's next supplier check warns in device_links_missing_supplier() if
 * the device is still probing, and defers once more in any case.
 */
static bool sysmmu_links_bound(struct device *dev)
{
	return READ_ONCE(dev->links.status) == DL_DEV_DRIVER_BOUND;
}

static int sysmmu_master_link_pm(struct sysmmu_master *master,
				 struct device *supplier)
{
	if (!device_link_add(master->dev, supplier,
			     DL_FLAG_STATELESS | DL_FLAG_PM_RUNTIME)) {
		dev_err(master->dev, "cannot link to %s\n", dev_name(supplier));
		return -EINVAL;
	}
	return 0;
}

/* Drop the stateless references of the first @nr_aggs aggregates' links. */
static void sysmmu_master_unlink(struct sysmmu_master *master,
				 unsigned int nr_aggs, unsigned int nr_devs)
{
	struct device *supplier;
	unsigned int i, j;

	for (i = 0; i <= nr_aggs && i < master->nr_aggs; i++)
		for (j = 0; (i < nr_aggs || j < nr_devs) &&
		     (supplier = sysmmu_aggregate_dev(master->aggs[i], j));
		     j++)
			device_link_remove(master->dev, supplier);
}

static int sysmmu_master_link_pm_all(struct sysmmu_master *master)
{
	struct device *supplier;
	unsigned int i, j;
	int ret;

	for (i = 0; i < master->nr_aggs; i++) {
		for (j = 0;
		     (supplier = sysmmu_aggregate_dev(master->aggs[i], j));
		     j++) {
			ret = sysmmu_master_link_pm(master, supplier);
			if (ret) {
				sysmmu_master_unlink(master, i, j);
				return ret;
			}
		}
	}
	return 0;
}

static void sysmmu_master_link_managed(struct device *master,
				       struct device *supplier)
{
	enum dl_dev_state state = READ_ONCE(master->links.status);

	if ((state != DL_DEV_DRIVER_BOUND && state != DL_DEV_NO_DRIVER) ||
	    !sysmmu_links_bound(supplier))
		return;
	/* Not fatal: the master works; only its unbind order is not kept. */
	if (!device_link_add(master, supplier, 0))
		dev_err(master, "cannot link to %s: unbinding it will not unbind %s first\n",
			dev_name(supplier), dev_name(master));
}

/*
 * The driver core probes a link's consumer again when its supplier binds
 * only if the link was created with DL_FLAG_AUTOPROBE_CONSUMER, which
 * adding a managed link to an existing stateless one does not set. So a
 * master that went away with a device behind its aggregate is probed again
 * once that device is back: from a work item, because the notifier runs
 * under the device's lock, which hands it to async_schedule_dev() (which
 * may run it inline, harmless there), so that wait_for_device_probe()
 * waits for it like for the driver core's own asynchronous probes.
 */
struct sysmmu_reprobe {
	struct work_struct work;
	struct device *dev;
};

static struct workqueue_struct *sysmmu_links_wq;

static void sysmmu_reprobe(void *data, async_cookie_t cookie)
{
	struct device *master = data;

	if (device_attach(master) < 0)
		dev_dbg(master, "not probed again after its IOMMU came back\n");
	put_device(master);
}

static void sysmmu_reprobe_work(struct work_struct *work)
{
	struct sysmmu_reprobe *r = container_of(work, struct sysmmu_reprobe,
						work);

	async_schedule_dev(sysmmu_reprobe, r->dev);
	kfree(r);
}

static void sysmmu_reprobe_later(struct device *master)
{
	struct sysmmu_reprobe *r = kzalloc_obj(*r, GFP_KERNEL);

	if (!r) {
		dev_warn(master, "not probed again after its IOMMU came back: out of memory\n");
		return;
	}
	INIT_WORK(&r->work, sysmmu_reprobe_work);
	r->dev = get_device(master);
	queue_work(sysmmu_links_wq, &r->work);
}

/**
 * sysmmu_links_flush() - hand on every master queued to be probed again
 *
 * After it returns, wait_for_device_probe() waits for those probes.
 */
void sysmmu_links_flush(void)
{
	flush_workqueue(sysmmu_links_wq);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_links_flush);

static void sysmmu_master_link_managed_all(struct sysmmu_master *master)
{
	struct device *supplier;
	unsigned int i, j;

	for (i = 0; i < master->nr_aggs; i++)
		for (j = 0;
		     (supplier = sysmmu_aggregate_dev(master->aggs[i], j));
		     j++)
			sysmmu_master_link_managed(master->dev, supplier);
}

/*
 * A driver was bound: to a device behind an aggregate, whose bound masters
 * get their managed links to it and whose other masters are probed again;
 * or to a master, which gets its managed links to the bound devices behind
 * its aggregates.
 */
static int sysmmu_bound_notify(struct notifier_block *nb,
			       unsigned long action, void *data)
{
	struct device *dev = data, **devs;
	unsigned int n, i;

	if (action != BUS_NOTIFY_BOUND_DRIVER)
		return NOTIFY_DONE;
	if (dev->driver != &sysmmu_member_driver.driver &&
	    dev->driver != &sysmmu_group_driver.driver) {
		n = sysmmu_aggregate_suppliers(dev, &devs);
		for (i = 0; i < n; i++) {
			sysmmu_master_link_managed(dev, devs[i]);
			put_device(devs[i]);
		}
		kfree(devs);
		return NOTIFY_DONE;
	}

	n = sysmmu_aggregate_masters(dev, &devs);
	for (i = 0; i < n; i++) {
		sysmmu_master_link_managed(devs[i], dev);
		put_device(devs[i]);
	}
	kfree(devs);
	/*
	 * Found through the devicetree: a master that the bus scan did not
	 * configure (a core whose scan only uses a fwspec left by an earlier
	 * bind) is not among the aggregate's masters until it binds.
	 */
	n = sysmmu_aggregate_first_masters(dev, &devs);
	for (i = 0; i < n; i++) {
		if (!device_is_bound(devs[i]))
			sysmmu_reprobe_later(devs[i]);
		put_device(devs[i]);
	}
	kfree(devs);
	return NOTIFY_OK;
}

static struct notifier_block sysmmu_bound_nb = {
	.notifier_call = sysmmu_bound_notify,
};

/**
 * sysmmu_links_init() - give masters their managed links once bound
 *
 * Return: 0, -ENOMEM, or the error of bus_register_notifier().
 */
int sysmmu_links_init(void)
{
	int ret;

	sysmmu_links_wq = alloc_workqueue("exynos-sysmmu-links", WQ_UNBOUND,
					  0);
	if (!sysmmu_links_wq)
		return -ENOMEM;
	ret = bus_register_notifier(&platform_bus_type, &sysmmu_bound_nb);
	if (ret)
		destroy_workqueue(sysmmu_links_wq);
	return ret;
}

/**
 * sysmmu_links_exit() - undo sysmmu_links_init()
 */
void sysmmu_links_exit(void)
{
	bus_unregister_notifier(&platform_bus_type, &sysmmu_bound_nb);
	/* No sysmmu_reprobe() may run once the module is gone. */
	destroy_workqueue(sysmmu_links_wq);
	async_synchronize_full();
}

static void sysmmu_master_free(struct sysmmu_master *master)
{
	kfree(master->nodes);
	kfree(master->aggs);
	kfree(master);
}

static struct sysmmu_master *sysmmu_master_create(struct device *dev)
{
	struct device_node *np = dev->of_node;
	struct sysmmu_master *master;
	struct of_phandle_args args;
	unsigned int i;
	int n, ret = 0;

	n = of_count_phandle_with_args(np, "iommus", "#iommu-cells");
	if (n <= 0)
		return ERR_PTR(-ENODEV);

	master = kzalloc_obj(*master, GFP_KERNEL);
	if (!master)
		return ERR_PTR(-ENOMEM);
	master->dev = dev;
	master->aggs = kcalloc(n, sizeof(*master->aggs), GFP_KERNEL);
	master->nodes = kcalloc(n, sizeof(*master->nodes), GFP_KERNEL);
	if (!master->aggs || !master->nodes) {
		ret = -ENOMEM;
		goto err;
	}

	for (i = 0; i < n && !ret; i++) {
		struct sysmmu_aggregate *agg;

		ret = of_parse_phandle_with_args(np, "iommus", "#iommu-cells",
						 i, &args);
		if (ret)
			break;
		agg = sysmmu_aggregate_find(of_fwnode_handle(args.np));
		if (!agg) {
			/* Not every instance has probed: never half set up. */
			dev_dbg(dev, "waiting for System MMU %pOF\n", args.np);
			ret = -EPROBE_DEFER;
		} else if (!READ_ONCE(agg->registered) &&
			   !READ_ONCE(agg->registering)) {
			/*
			 * Going away: still found, so that another aggregate's
			 * bus scan is not failed by a deferral, but the master
			 * must not keep it. The scan skips the master (-ENODEV)
			 * and the aggregate's next registration configures it;
			 * at driver bind it defers, never runs untranslated.
			 */
			ret = dev->driver ? -EPROBE_DEFER : -ENODEV;
		} else {
			ret = sysmmu_master_add_aggregate(master, agg);
		}
		of_node_put(args.np);
	}
	if (ret)
		goto err;

	ret = sysmmu_master_link_pm_all(master);
	if (ret)
		goto err;
	return master;

err:
	sysmmu_master_free(master);
	return ERR_PTR(ret);
}

/*
 * The device fault reports name: a master behind the aggregate. Written with
 * every member's lock held, which the fault handler holds while it uses it,
 * so that it never sees a master that is gone. The hardware does not say
 * which master of a shared instance faulted.
 */
static void sysmmu_aggregate_name_master(struct sysmmu_aggregate *agg)
{
	struct sysmmu_master_link *first;
	unsigned long flags;
	unsigned int i;

	lockdep_assert_held(&agg->mutex);
	first = list_first_entry_or_null(&agg->masters,
					 struct sysmmu_master_link, node);
	for (i = 0; i < agg->nr_members; i++) {
		spin_lock_irqsave(&agg->members[i]->lock, flags);
		agg->master = first ? first->master->dev : NULL;
		spin_unlock_irqrestore(&agg->members[i]->lock, flags);
	}
}

/* Leave every aggregate, parking those left without a master on @park. */
static void sysmmu_master_leave(struct sysmmu_master *master,
				struct iommu_domain *park)
{
	unsigned int i;

	for (i = 0; i < master->nr_aggs; i++) {
		struct sysmmu_aggregate *agg = master->aggs[i];
		bool last;

		mutex_lock(&agg->mutex);
		list_del(&master->nodes[i].node);
		last = list_empty(&agg->masters);
		sysmmu_aggregate_name_master(agg);
		mutex_unlock(&agg->mutex);
		if (last)
			sysmmu_aggregate_attach(agg, park);
	}
	sysmmu_master_unlink(master, master->nr_aggs, 0);
	sysmmu_master_free(master);
}

static struct iommu_device *sysmmu_probe_device(struct device *dev)
{
	struct sysmmu_master *master;
	unsigned int i;

	if (!dev->of_node)
		return ERR_PTR(-ENODEV);
	master = sysmmu_master_create(dev);
	if (IS_ERR(master))
		return ERR_CAST(master);
	for (i = 0; i < master->nr_aggs; i++) {
		struct sysmmu_aggregate *agg = master->aggs[i];

		master->nodes[i].master = master;
		mutex_lock(&agg->mutex);
		list_add_tail(&master->nodes[i].node, &agg->masters);
		sysmmu_aggregate_name_master(agg);
		mutex_unlock(&agg->mutex);
	}
	/* After joining: a device bound from now on is seen by the notifier. */
	sysmmu_master_link_managed_all(master);
	dev_iommu_priv_set(dev, master);
	return &master->aggs[0]->iommu;
}

/*
 * No release_domain: an aggregate may be shared with other masters, which
 * must keep translating. An aggregate the departing master was the last
 * user of is blocked (or put in bypass for a master whose reserved regions
 * must stay reachable) before the core frees the domain it used.
 */
static void sysmmu_release_device(struct device *dev)
{
	struct sysmmu_master *master = dev_iommu_priv_get(dev);
	struct iommu_domain *park = dev->iommu->require_direct ?
				    &sysmmu_identity_domain :
				    &sysmmu_blocked_domain;

	/*
	 * The core frees dev->iommu next; dev_iommu_priv_set() may only be
	 * called under the core's probe lock, which is not held here.
	 */
	sysmmu_master_leave(master, park);
}

/*
 * Masters behind a shared aggregate share their translation: one IOMMU
 * group for every master of a set of aggregates that masters list
 * together. A master whose aggregates are already in two different groups
 * would join them, which the IOMMU core cannot do; it is refused.
 */
static DEFINE_MUTEX(sysmmu_groups_lock);

static struct iommu_group *sysmmu_device_group(struct device *dev)
{
	struct sysmmu_master *master = dev_iommu_priv_get(dev);
	struct iommu_group *group = NULL;
	unsigned int i;

	mutex_lock(&sysmmu_groups_lock);
	for (i = 0; i < master->nr_aggs; i++) {
		struct iommu_group *g = master->aggs[i]->group;

		if (g && group && g != group) {
			mutex_unlock(&sysmmu_groups_lock);
			dev_err(dev, "behind System MMUs of different IOMMU groups (%pOF and %pOF)\n",
				to_of_node(master->aggs[0]->fwnode),
				to_of_node(master->aggs[i]->fwnode));
			return ERR_PTR(-EBUSY);
		}
		group = group ?: g;
	}
	if (group) {
		iommu_group_ref_get(group);
	} else {
		group = iommu_group_alloc();
		if (IS_ERR(group)) {
			mutex_unlock(&sysmmu_groups_lock);
			return group;
		}
	}
	/* Each aggregate holds a reference until it is unregistered. */
	for (i = 0; i < master->nr_aggs; i++)
		if (!master->aggs[i]->group)
			master->aggs[i]->group = iommu_group_ref_get(group);
	mutex_unlock(&sysmmu_groups_lock);
	return group;
}

const struct iommu_ops sysmmu_iommu_ops = {
	.identity_domain = &sysmmu_identity_domain,
	.blocked_domain = &sysmmu_blocked_domain,
	.domain_alloc_paging = sysmmu_domain_alloc_paging,
	.probe_device = sysmmu_probe_device,
	.release_device = sysmmu_release_device,
	.device_group = sysmmu_device_group,
	.get_resv_regions = iommu_dma_get_resv_regions,
	.of_xlate = sysmmu_of_xlate,
	.owner = THIS_MODULE,
	.default_domain_ops = &sysmmu_domain_ops,
};

/* Registration of an aggregate whose members have all probed. */

/*
 * Page tables are mapped for the walker through the aggregate's device and
 * read by physical address: let them be anywhere every member can reach.
 */
static void sysmmu_aggregate_dma_mask(struct sysmmu_aggregate *agg)
{
	unsigned int bits = 64, i;

	for (i = 0; i < agg->nr_members; i++)
		bits = min(bits, agg->members[i]->family->max_pa_bits);
	if (dma_set_mask_and_coherent(agg->dev, DMA_BIT_MASK(bits)))
		dev_warn(agg->dev, "cannot set a %u-bit DMA mask\n", bits);
}

/**
 * sysmmu_aggregate_register() - present an aggregate to the IOMMU core
 * @agg: an aggregate whose members have all probed
 *
 * Return: 0, or a negative error code with nothing left registered.
 */
int sysmmu_aggregate_register(struct sysmmu_aggregate *agg)
{
	struct sysmmu_master_hold hold;
	struct exynos_pt_cfg cfg;
	int ret;

	if (sysmmu_aggregate_pt_cfg(agg, &cfg, true))
		return dev_err_probe(agg->dev, -EINVAL,
				     "instances disagree on the page-table format\n");
	ret = sysmmu_aggregate_order(agg);
	if (ret)
		return ret;
	sysmmu_aggregate_dma_mask(agg);
	agg->blocking = sysmmu_domain_create(agg->dev, &cfg);
	if (IS_ERR(agg->blocking)) {
		ret = PTR_ERR(agg->blocking);
		agg->blocking = NULL;
		return ret;
	}

	/*
	 * A group's aggregate outlives its registrations: start each one from
	 * a clean iommu_device, which the core only marks ready at the end
	 * of iommu_device_register(). One left ready by the last registration
	 * would let masters be configured at driver bind during the bus scan.
	 */
	memset(&agg->iommu, 0, sizeof(agg->iommu));
	ret = sysmmu_aggregate_hold_masters(agg, &hold);
	if (ret)
		goto err_blocking;
	WRITE_ONCE(agg->registering, true);
	sysmmu_aggregate_publish(agg, true);
	ret = iommu_device_sysfs_add(&agg->iommu, agg->dev, NULL, "%s",
				     dev_name(agg->dev));
	if (ret)
		goto err_withdraw;
	ret = iommu_device_register(&agg->iommu, &sysmmu_iommu_ops, agg->dev);
	if (ret)
		goto err_sysfs;
	WRITE_ONCE(agg->registered, true);
	WRITE_ONCE(agg->registering, false);
	/* Ready: a held master that binds now finds itself configured. */
	sysmmu_aggregate_release_masters(&hold);
	agg->registrations++;
	sysmmu_debugfs_add(agg);
	dev_info(agg->dev, "System MMU aggregate of %u instance%s registered\n",
		 agg->nr_members, agg->nr_members == 1 ? "" : "s");
	return 0;

err_sysfs:
	iommu_device_sysfs_remove(&agg->iommu);
err_withdraw:
	/* A failed iommu_device_sysfs_add() freed its device, not the pointer. */
	agg->iommu.dev = NULL;
	WRITE_ONCE(agg->registering, false);
	sysmmu_aggregate_publish(agg, false);
	sysmmu_aggregate_release_masters(&hold);
err_blocking:
	sysmmu_domain_destroy(agg->blocking);
	agg->blocking = NULL;
	return ret;
}

/**
 * sysmmu_aggregate_unregister() - withdraw an aggregate from the IOMMU core
 * @agg: a registered aggregate
 *
 * Masters behind it are released by the core; the members are left in
 * bypass, the state the driver found them in.
 */
void sysmmu_aggregate_unregister(struct sysmmu_aggregate *agg)
{
	unsigned int i;

	WRITE_ONCE(agg->registered, false);
	sysmmu_debugfs_remove(agg);
	/*
	 * Withdrawn only once the core has released its masters: until then
	 * another aggregate's bus scan may still probe a master behind both.
	 */
	iommu_device_unregister(&agg->iommu);
	sysmmu_aggregate_publish(agg, false);
	iommu_device_sysfs_remove(&agg->iommu);

	mutex_lock(&agg->mutex);
	for (i = 0; i < agg->nr_members; i++)
		sysmmu_member_set_table(agg->members[i], 0, NULL);
	sysmmu_domain_link(sysmmu_paging(agg->domain), agg, false);
	agg->domain = NULL;
	mutex_unlock(&agg->mutex);
	mutex_lock(&sysmmu_groups_lock);
	if (agg->group) {
		iommu_group_put(agg->group);
		agg->group = NULL;
	}
	mutex_unlock(&sysmmu_groups_lock);
	sysmmu_domain_destroy(agg->blocking);
	agg->blocking = NULL;
}
