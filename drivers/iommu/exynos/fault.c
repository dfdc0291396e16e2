// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU faults: decode, report, recover.
 *
 * A fault is reported to the domain's handler through report_iommu_fault().
 * Whether or not someone handled it, the instance is then cleared and lets
 * traffic resume: an unhandled fault is logged (rate-limited per instance)
 * and never brings the system down.
 */

#include <linux/device.h>
#include <linux/iommu.h>
#include <kunit/visibility.h>

#include "exynos-sysmmu.h"

static void sysmmu_fault_log(struct sysmmu_member *member,
			     const struct sysmmu_fault *fault,
			     struct device *master)
{
	if (!__ratelimit(&member->fault_rs))
		return;
	dev_err(member->dev,
		"unhandled %s %s fault at IOVA %#llx (VM %u) from %s, page table %pa\n",
		fault->write ? "write" : "read", sysmmu_fault_name(fault->kind),
		fault->iova, fault->vid, master ? dev_name(master) : "?",
		&member->pt_base);
	if (fault->detail)
		dev_err(member->dev,
			"  PMMU %u stream %#x AXI ID %#x ASID %#x length %u\n",
			fault->pmmu, fault->stream, fault->axi_id, fault->asid,
			fault->length);
}

/**
 * sysmmu_fault_handle() - handle the pending fault of an instance
 * @member: the instance
 *
 * Return: false if the instance had nothing pending (or is powered off).
 */
bool sysmmu_fault_handle(struct sysmmu_member *member)
{
	struct sysmmu_aggregate *agg;
	struct sysmmu_fault fault;
	struct device *master;
	unsigned long flags;
	bool handled = false;

	spin_lock_irqsave(&member->lock, flags);
	if (!member->powered || !sysmmu_hw_read_fault(member, &fault)) {
		spin_unlock_irqrestore(&member->lock, flags);
		return false;
	}
	member->fault_count++;
	agg = member->agg;
	master = agg ? READ_ONCE(agg->master) : NULL;
	if (member->domain && fault.kind != SYSMMU_FAULT_UNKNOWN)
		handled = !report_iommu_fault(member->domain,
					      master ?: member->dev, fault.iova,
					      fault.write ? IOMMU_FAULT_WRITE :
							    IOMMU_FAULT_READ);
	if (!handled)
		sysmmu_fault_log(member, &fault, master);
	sysmmu_hw_clear_fault(member, &fault);
	spin_unlock_irqrestore(&member->lock, flags);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_fault_handle);
