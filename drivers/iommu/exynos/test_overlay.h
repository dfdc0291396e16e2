/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Devicetree overlays, a test master driver and probe synchronisation for
 * the KUnit suites that drive the Exynos System MMU driver through the
 * driver core and the IOMMU core.
 */
#ifndef __EXYNOS_SYSMMU_TEST_OVERLAY_H
#define __EXYNOS_SYSMMU_TEST_OVERLAY_H

#include <kunit/test.h>

#include "exynos-sysmmu.h"

struct device;

/* Compatibles of the masters and clock providers in the suites' overlays. */
#define SYSMMU_TEST_MASTER_COMPATIBLE	"samsung,exynos-sysmmu-test-master"
#define SYSMMU_TEST_CLOCK_COMPATIBLE	"samsung,exynos-sysmmu-test-clock"

int sysmmu_test_overlay_apply(struct kunit *test, const u8 *begin,
			      const u8 *end);
void sysmmu_test_overlay_remove(struct kunit *test, int ovcs_id);

/**
 * sysmmu_test_overlay() - apply an overlay linked into the test module
 * @test: the test; the overlay is removed when it ends
 * @name: the overlay's name: the .dtso file name without the extension
 *
 * Fails the test if the overlay cannot be applied.
 *
 * Return: the overlay's changeset id, for sysmmu_test_overlay_remove().
 */
#define sysmmu_test_overlay(test, name)					\
({									\
	extern u8 __dtbo_##name##_begin[];				\
	extern u8 __dtbo_##name##_end[];				\
									\
	sysmmu_test_overlay_apply((test), __dtbo_##name##_begin,	\
				  __dtbo_##name##_end);			\
})

void sysmmu_test_drivers_register(struct kunit *test);
void sysmmu_test_require_deferral(struct kunit *test, struct device *dev);
struct device *sysmmu_test_find_dev(struct kunit *test, const char *path);
void sysmmu_test_put_dev(struct kunit *test, struct device *dev);
void sysmmu_test_enable_clock(struct kunit *test, const char *path);
void sysmmu_test_settle(void);
bool sysmmu_test_bound(struct device *dev);
struct sysmmu_aggregate *sysmmu_test_group_agg(struct device *group);
struct iommu_domain *sysmmu_test_domain_alloc(struct kunit *test,
					      struct device *dev);
struct sysmmu_member *sysmmu_test_member(struct device *dev);
void sysmmu_test_wait_powered(struct kunit *test, struct sysmmu_member *member,
			      bool powered);
bool sysmmu_test_debugfs_has(const char *name);
u64 sysmmu_test_log_mark(void);
unsigned int sysmmu_test_log_count(struct kunit *test, u64 mark,
				   const char *what, const char *who);
void sysmmu_test_fail_setup(struct kunit *test);
void sysmmu_test_fail_nth(unsigned int nth);
bool sysmmu_test_fail_hit(void);

#endif /* __EXYNOS_SYSMMU_TEST_OVERLAY_H */
