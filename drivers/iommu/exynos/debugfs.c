// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU debugfs: one directory per aggregate with its members'
 * state and a dump of the attached domain's page table.
 */

#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "exynos-sysmmu.h"

static struct dentry *sysmmu_debugfs_root;

static const char *sysmmu_domain_kind(const struct iommu_domain *domain)
{
	if (!domain)
		return "none";
	switch (domain->type) {
	case IOMMU_DOMAIN_IDENTITY:
		return "identity";
	case IOMMU_DOMAIN_BLOCKED:
		return "blocked";
	case IOMMU_DOMAIN_DMA:
	case IOMMU_DOMAIN_DMA_FQ:
		return "dma";
	default:
		return "paging";
	}
}

static int sysmmu_members_show(struct seq_file *s, void *unused)
{
	struct sysmmu_aggregate *agg = s->private;
	unsigned int i;

	mutex_lock(&agg->mutex);
	seq_printf(s, "domain: %s\n", sysmmu_domain_kind(agg->domain));
	seq_printf(s, "registrations: %u\n", agg->registrations);
	for (i = 0; i < agg->nr_members; i++) {
		struct sysmmu_member *m = agg->members[i];
		unsigned long flags;

		spin_lock_irqsave(&m->lock, flags);
		seq_printf(s, "%s: version %u.%u family %s %s %s table %pa faults %lu\n",
			   dev_name(m->dev), SYSMMU_VERSION_MAJOR(m->version),
			   SYSMMU_VERSION_MINOR(m->version), m->family->name,
			   m->powered ? "powered" : "off",
			   m->enabled ? "translating" : "bypass", &m->pt_base,
			   m->fault_count);
		spin_unlock_irqrestore(&m->lock, flags);
	}
	mutex_unlock(&agg->mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sysmmu_members);

static int sysmmu_pgtable_show(struct seq_file *s, void *unused)
{
	struct sysmmu_aggregate *agg = s->private;

	mutex_lock(&agg->mutex);
	if (agg->domain && (agg->domain->type & __IOMMU_DOMAIN_PAGING))
		exynos_pt_dump(to_sysmmu_domain(agg->domain)->pt, s);
	else
		seq_printf(s, "no page table (%s)\n",
			   sysmmu_domain_kind(agg->domain));
	mutex_unlock(&agg->mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sysmmu_pgtable);

/**
 * sysmmu_debugfs_add() - create an aggregate's debugfs directory
 * @agg: the aggregate, about to be registered
 */
void sysmmu_debugfs_add(struct sysmmu_aggregate *agg)
{
	agg->debugfs = debugfs_create_dir(dev_name(agg->dev),
					  sysmmu_debugfs_root);
	debugfs_create_file("members", 0444, agg->debugfs, agg,
			    &sysmmu_members_fops);
	debugfs_create_file("pgtable", 0444, agg->debugfs, agg,
			    &sysmmu_pgtable_fops);
}

/**
 * sysmmu_debugfs_remove() - remove an aggregate's debugfs directory
 * @agg: the aggregate
 */
void sysmmu_debugfs_remove(struct sysmmu_aggregate *agg)
{
	debugfs_remove(agg->debugfs);
	agg->debugfs = NULL;
}

/**
 * sysmmu_debugfs_init() - create the driver's debugfs root
 */
void sysmmu_debugfs_init(void)
{
	sysmmu_debugfs_root = debugfs_create_dir("exynos-sysmmu", NULL);
}

/**
 * sysmmu_debugfs_exit() - remove the driver's debugfs root
 */
void sysmmu_debugfs_exit(void)
{
	debugfs_remove(sysmmu_debugfs_root);
}
