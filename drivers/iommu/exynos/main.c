// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU driver: module entry points.
 *
 * Module unload while masters are probed is refused by the IOMMU core, which
 * holds a module reference per probed master. Unbinding an instance or a
 * group through sysfs is supported: masters hold managed device links to
 * every instance (made once the instance is bound, sysmmu_links_init()),
 * so the driver core unbinds them first and the aggregate is unregistered
 * before any instance's resources are released.
 */

#include <linux/module.h>
#include <linux/platform_device.h>

#include "exynos-sysmmu.h"

static struct platform_driver * const sysmmu_drivers[] = {
	&sysmmu_member_driver,
	&sysmmu_group_driver,
};

static int __init sysmmu_init(void)
{
	int ret;

	ret = exynos_pt_init();
	if (ret)
		return ret;
	sysmmu_debugfs_init();
	ret = sysmmu_links_init();
	if (ret)
		goto err_links;
	ret = platform_register_drivers(sysmmu_drivers,
					ARRAY_SIZE(sysmmu_drivers));
	if (ret)
		goto err_drivers;
	return 0;

err_drivers:
	sysmmu_links_exit();
err_links:
	sysmmu_debugfs_exit();
	exynos_pt_exit();
	return ret;
}
module_init(sysmmu_init);

static void __exit sysmmu_exit(void)
{
	platform_unregister_drivers(sysmmu_drivers, ARRAY_SIZE(sysmmu_drivers));
	sysmmu_links_exit();
	sysmmu_debugfs_exit();
	exynos_pt_exit();
}
module_exit(sysmmu_exit);

MODULE_DESCRIPTION("Samsung Exynos System MMU driver");
MODULE_LICENSE("GPL");
