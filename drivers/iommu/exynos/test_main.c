// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites of the Exynos System MMU driver: module information.
 */

#include <linux/module.h>
#include <kunit/test.h>

MODULE_DESCRIPTION("KUnit tests for the Exynos System MMU driver");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
