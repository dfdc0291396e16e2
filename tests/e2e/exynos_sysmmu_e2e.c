// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end tests of the Exynos System MMU driver on QEMU's emulated
 * System MMU (tests/qemu): a driver for the emulated DMA test master, whose
 * bus ports go through System MMU instances that walk the page tables the
 * driver wrote and cache translations until the driver invalidates them.
 * Each master copies memory through its ports with the DMA API and through
 * an unmanaged domain mapped with 4 KiB, 64 KiB and 1 MiB pages, then checks
 * that unmapped and remapped IOVAs fault or land where they must, that
 * runtime PM reprograms the instances, and that a fault storm leaves the
 * System MMU working. One "ok"/"not ok" line per test and master.
 *
 * Like QEMU, this assumes DMA is coherent with the CPU caches: buffers of
 * the unmanaged domain are plain pages, written and read by the CPU without
 * cache maintenance.
 */

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "dma-master.h"

/* The enable bit of an instance: CTRL on v7, CTRL_VM on v9 */
#define E2E_SYSMMU_CTRL		0x0000
#define E2E_SYSMMU_V9_CTRL_VM	0x8000
#define E2E_SYSMMU_ENABLE	BIT(0)

#define E2E_MAX_PORTS		4
#define E2E_MAX_INSTANCES	4
#define E2E_SRC_IOVA		0x10000000ULL
#define E2E_DST_IOVA		0x20000000ULL
#define E2E_HOLE_IOVA		0x30000000ULL
#define E2E_IOVA_36		0x810000000ULL
#define E2E_STORM		200

static unsigned int e2e_passed, e2e_failed, e2e_number;

struct e2e_master {
	struct device *dev;
	struct dma_master dma;
	unsigned int nports;
	struct device_node *instances[E2E_MAX_INSTANCES];
	struct iommu_domain *domain;
	atomic_t faults;
	unsigned long fault_iova;
	int fault_flags;
	int fault_ret;
};

static void e2e_result(struct e2e_master *m, bool ok, const char *test)
{
	if (ok)
		e2e_passed++;
	else
		e2e_failed++;
	pr_info("exynos-sysmmu-e2e: %s %u %s %s\n", ok ? "ok" : "not ok",
		++e2e_number, dev_name(m->dev), test);
}

static int e2e_dma(struct e2e_master *m, u64 src, u64 dst, u32 len,
		   unsigned int rport, unsigned int wport)
{
	return dma_master_copy(&m->dma, src, dst, len, rport, wport);
}

static int e2e_fault_handler(struct iommu_domain *domain, struct device *dev,
			     unsigned long iova, int flags, void *token)
{
	struct e2e_master *m = token;

	m->fault_iova = iova;
	m->fault_flags = flags;
	atomic_inc(&m->faults);
	return m->fault_ret;
}

/* Wait for the fault interrupt: with abort it may follow the DMA's end. */
static bool e2e_wait_fault(struct e2e_master *m, int before)
{
	unsigned int i;

	for (i = 0; i < 1000 && atomic_read(&m->faults) == before; i++)
		usleep_range(500, 1000);
	return atomic_read(&m->faults) != before;
}

static void e2e_fill(struct page *page, size_t size, u32 seed)
{
	u32 *p = page_address(page);
	size_t i;

	for (i = 0; i < size / 4; i++)
		p[i] = seed * 0x9e3779b9 + i;
}

static bool e2e_check(struct page *page, size_t size, u32 seed)
{
	u32 *p = page_address(page);
	size_t i;

	for (i = 0; i < size / 4; i++)
		if (p[i] != seed * 0x9e3779b9 + i)
			return false;
	return true;
}

static struct page *e2e_alloc(size_t size)
{
	return alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(size));
}

static void e2e_free(struct page *page, size_t size)
{
	if (page)
		__free_pages(page, get_order(size));
}

static int e2e_map(struct e2e_master *m, u64 iova, struct page *page,
		   size_t size, int prot)
{
	return iommu_map(m->domain, iova, page_to_phys(page), size, prot,
			 GFP_KERNEL);
}

static bool e2e_unmap(struct e2e_master *m, u64 iova, size_t size)
{
	return iommu_unmap(m->domain, iova, size) == size;
}

/* The DMA API on the master's default domain, through every port. */
static void e2e_test_dma_api(struct e2e_master *m, const char *name)
{
	dma_addr_t src_dma, dst_dma;
	void *src, *dst;
	unsigned int p;
	bool ok = true;

	src = dma_alloc_coherent(m->dev, SZ_64K, &src_dma, GFP_KERNEL);
	dst = dma_alloc_coherent(m->dev, SZ_64K, &dst_dma, GFP_KERNEL);
	if (!src || !dst) {
		ok = false;
		goto out;
	}
	for (p = 0; p < m->nports; p++) {
		memset(src, 0x11 + p, SZ_64K);
		memset(dst, 0, SZ_64K);
		if (e2e_dma(m, src_dma, dst_dma, SZ_64K, p,
			    (p + 1) % m->nports) || memcmp(src, dst, SZ_64K))
			ok = false;
	}
out:
	if (src)
		dma_free_coherent(m->dev, SZ_64K, src, src_dma);
	if (dst)
		dma_free_coherent(m->dev, SZ_64K, dst, dst_dma);
	e2e_result(m, ok, name);
}

/* A copy of @size bytes between two mappings of page size @size. */
static void e2e_test_copy(struct e2e_master *m, size_t size, u64 base,
			  const char *name)
{
	struct page *src = e2e_alloc(size), *dst = e2e_alloc(size);
	u64 src_iova = base, dst_iova = base + SZ_16M;
	unsigned int p;
	bool ok = src && dst;

	if (!ok || e2e_map(m, src_iova, src, size, IOMMU_READ)) {
		ok = false;
		goto out;
	}
	if (e2e_map(m, dst_iova, dst, size, IOMMU_WRITE)) {
		e2e_unmap(m, src_iova, size);
		ok = false;
		goto out;
	}
	for (p = 0; p < m->nports; p++) {
		e2e_fill(src, size, p + 1);
		memset(page_address(dst), 0, size);
		if (e2e_dma(m, src_iova, dst_iova, size, p, (p + 1) % m->nports) ||
		    !e2e_check(dst, size, p + 1))
			ok = false;
	}
	ok &= e2e_unmap(m, src_iova, size) && e2e_unmap(m, dst_iova, size);
out:
	e2e_free(src, size);
	e2e_free(dst, size);
	e2e_result(m, ok, name);
}

/* A DMA that must fault at @iova, reported through the fault handler. */
static bool e2e_expect_fault(struct e2e_master *m, u64 src, u64 dst,
			     unsigned int rport, unsigned int wport, u64 iova,
			     int flags)
{
	int before = atomic_read(&m->faults);

	if (e2e_dma(m, src, dst, SZ_4K, rport, wport) != -EIO) {
		dev_err(m->dev, "DMA %#llx -> %#llx did not fail\n", src, dst);
		return false;
	}
	if (dma_master_err_addr(&m->dma) != iova || !e2e_wait_fault(m, before)) {
		dev_err(m->dev, "no fault reported at %#llx\n", iova);
		return false;
	}
	if (m->fault_iova != iova || m->fault_flags != flags) {
		dev_err(m->dev, "fault reported at %#lx flags %d, expected %#llx flags %d\n",
			m->fault_iova, m->fault_flags, iova, flags);
		return false;
	}
	return true;
}

/*
 * Unmapped IOVAs fault on every port, after every port has cached them:
 * the write and the read side, and nothing reaches the old pages.
 */
static void e2e_test_unmap_faults(struct e2e_master *m)
{
	struct page *src = e2e_alloc(SZ_4K), *dst = e2e_alloc(SZ_4K);
	unsigned int p;
	bool ok = src && dst;

	if (!ok || e2e_map(m, E2E_SRC_IOVA, src, SZ_4K, IOMMU_READ) ||
	    e2e_map(m, E2E_DST_IOVA, dst, SZ_4K, IOMMU_WRITE)) {
		ok = false;
		goto out;
	}
	e2e_fill(src, SZ_4K, 7);
	for (p = 0; p < m->nports; p++)
		ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K, p, p);

	ok &= e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
	memset(page_address(dst), 0x5a, SZ_4K);
	for (p = 0; p < m->nports; p++)
		ok &= e2e_expect_fault(m, E2E_SRC_IOVA, E2E_DST_IOVA, p, p,
				       E2E_DST_IOVA, IOMMU_FAULT_WRITE);
	ok &= !memchr_inv(page_address(dst), 0x5a, SZ_4K);

	ok &= !e2e_map(m, E2E_DST_IOVA, dst, SZ_4K, IOMMU_WRITE);
	ok &= e2e_unmap(m, E2E_SRC_IOVA, SZ_4K);
	for (p = 0; p < m->nports; p++)
		ok &= e2e_expect_fault(m, E2E_SRC_IOVA, E2E_DST_IOVA, p, p,
				       E2E_SRC_IOVA, IOMMU_FAULT_READ);
	ok &= !memchr_inv(page_address(dst), 0x5a, SZ_4K);
	ok &= e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
out:
	e2e_free(src, SZ_4K);
	e2e_free(dst, SZ_4K);
	e2e_result(m, ok, "unmap_faults");
}

/* A write to a read-only mapping is an access fault, and is not done. */
static void e2e_test_permission_fault(struct e2e_master *m)
{
	struct page *src = e2e_alloc(SZ_4K), *dst = e2e_alloc(SZ_4K);
	unsigned int p;
	bool ok = src && dst;

	if (!ok || e2e_map(m, E2E_SRC_IOVA, src, SZ_4K, IOMMU_READ) ||
	    e2e_map(m, E2E_DST_IOVA, dst, SZ_4K, IOMMU_READ)) {
		ok = false;
		goto out;
	}
	memset(page_address(dst), 0x5a, SZ_4K);
	for (p = 0; p < m->nports; p++)
		ok &= e2e_expect_fault(m, E2E_SRC_IOVA, E2E_DST_IOVA, p, p,
				       E2E_DST_IOVA, IOMMU_FAULT_WRITE);
	ok &= !memchr_inv(page_address(dst), 0x5a, SZ_4K);
	ok &= e2e_unmap(m, E2E_SRC_IOVA, SZ_4K) &&
	      e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
out:
	e2e_free(src, SZ_4K);
	e2e_free(dst, SZ_4K);
	e2e_result(m, ok, "write_to_read_only_faults");
}

/*
 * Every port caches IOVA -> old page; the IOVA is remapped to a new page;
 * DMA through every port must use the new page: the invalidation reached
 * every instance. @write: remap the destination rather than the source.
 */
static void e2e_test_remap(struct e2e_master *m, bool write)
{
	struct page *src = e2e_alloc(SZ_4K), *dst = e2e_alloc(SZ_4K);
	struct page *old = e2e_alloc(SZ_4K), *new = e2e_alloc(SZ_4K);
	u64 iova = write ? E2E_DST_IOVA : E2E_SRC_IOVA;
	int prot = write ? IOMMU_WRITE : IOMMU_READ;
	unsigned int p;
	bool ok = src && dst && old && new;

	if (!ok || e2e_map(m, iova, old, SZ_4K, prot) ||
	    e2e_map(m, write ? E2E_SRC_IOVA : E2E_DST_IOVA, write ? src : dst,
		    SZ_4K, write ? IOMMU_READ : IOMMU_WRITE)) {
		ok = false;
		goto out;
	}
	e2e_fill(write ? src : old, SZ_4K, 21);
	for (p = 0; p < m->nports; p++)
		ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K, p, p);

	ok &= e2e_unmap(m, iova, SZ_4K);
	ok &= !e2e_map(m, iova, new, SZ_4K, prot);
	for (p = 0; p < m->nports; p++) {
		if (write) {
			e2e_fill(src, SZ_4K, 30 + p);
			memset(page_address(old), 0x5a, SZ_4K);
			memset(page_address(new), 0, SZ_4K);
			ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K,
				       p, p);
			ok &= e2e_check(new, SZ_4K, 30 + p);
			ok &= !memchr_inv(page_address(old), 0x5a, SZ_4K);
		} else {
			e2e_fill(new, SZ_4K, 30 + p);
			memset(page_address(dst), 0, SZ_4K);
			ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K,
				       p, p);
			ok &= e2e_check(dst, SZ_4K, 30 + p);
		}
	}
	ok &= e2e_unmap(m, E2E_SRC_IOVA, SZ_4K) &&
	      e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
out:
	e2e_free(src, SZ_4K);
	e2e_free(dst, SZ_4K);
	e2e_free(old, SZ_4K);
	e2e_free(new, SZ_4K);
	e2e_result(m, ok, write ? "remap_write_lands_in_new_page" :
				  "remap_read_lands_in_new_page");
}

/* The enable bit of every instance in front of the master. */
static bool e2e_instances_enabled(struct e2e_master *m, bool want)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < m->nports; i++) {
		struct device_node *np = m->instances[i];
		bool v9 = of_device_is_compatible(np, "samsung,exynosautov920-sysmmu") ||
			  of_device_is_compatible(np, "google,zuma-sysmmu");
		void __iomem *regs = of_iomap(np, 0);
		u32 ctrl;

		if (!regs)
			return false;
		/* Suppliers of a device link suspend asynchronously. */
		readl_poll_timeout(regs + (v9 ? E2E_SYSMMU_V9_CTRL_VM : E2E_SYSMMU_CTRL),
				   ctrl, !!(ctrl & E2E_SYSMMU_ENABLE) == want,
				   1000, 200000);
		iounmap(regs);
		if (!!(ctrl & E2E_SYSMMU_ENABLE) != want) {
			dev_err(m->dev, "%pOF: CTRL %#x, expected %s\n", np, ctrl,
				want ? "enabled" : "disabled");
			ok = false;
		}
	}
	return ok;
}

/* DMA, suspend (instances off), resume (reprogrammed), DMA. */
static void e2e_test_runtime_pm(struct e2e_master *m)
{
	struct page *src = e2e_alloc(SZ_4K), *dst = e2e_alloc(SZ_4K);
	unsigned int p;
	bool ok = src && dst;

	if (!ok || e2e_map(m, E2E_SRC_IOVA, src, SZ_4K, IOMMU_READ) ||
	    e2e_map(m, E2E_DST_IOVA, dst, SZ_4K, IOMMU_WRITE)) {
		ok = false;
		goto out;
	}
	e2e_fill(src, SZ_4K, 40);
	ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K, 0,
		       m->nports - 1) && e2e_check(dst, SZ_4K, 40);
	ok &= e2e_instances_enabled(m, true);

	pm_runtime_put_sync(m->dev);
	ok &= e2e_instances_enabled(m, false);
	if (pm_runtime_resume_and_get(m->dev)) {
		ok = false;
		goto out;
	}
	ok &= e2e_instances_enabled(m, true);
	for (p = 0; p < m->nports; p++) {
		e2e_fill(src, SZ_4K, 41 + p);
		ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K, p,
			       (p + 1) % m->nports) &&
		      e2e_check(dst, SZ_4K, 41 + p);
	}
	ok &= e2e_unmap(m, E2E_SRC_IOVA, SZ_4K) &&
	      e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
out:
	e2e_free(src, SZ_4K);
	e2e_free(dst, SZ_4K);
	e2e_result(m, ok, "runtime_suspend_resume");
}

/*
 * A storm of faulting DMAs, with the faults left unhandled (the driver
 * logs them, rate-limited); afterwards DMA works and a new fault is
 * reported again.
 */
static void e2e_test_fault_storm(struct e2e_master *m)
{
	struct page *src = e2e_alloc(SZ_4K), *dst = e2e_alloc(SZ_4K);
	int before = atomic_read(&m->faults);
	unsigned int i, errors = 0;
	bool ok = src && dst;

	if (!ok || e2e_map(m, E2E_SRC_IOVA, src, SZ_4K, IOMMU_READ) ||
	    e2e_map(m, E2E_DST_IOVA, dst, SZ_4K, IOMMU_WRITE)) {
		ok = false;
		goto out;
	}
	m->fault_ret = -EOPNOTSUPP;
	for (i = 0; i < E2E_STORM; i++)
		if (e2e_dma(m, E2E_HOLE_IOVA + i * SZ_4K, E2E_DST_IOVA, SZ_4K,
			    i % m->nports, i % m->nports) == -EIO)
			errors++;
	msleep(20);
	m->fault_ret = 0;
	dev_info(m->dev, "fault storm: %u DMAs, %u failed, %d faults reported\n",
		 E2E_STORM, errors, atomic_read(&m->faults) - before);
	ok &= errors == E2E_STORM && atomic_read(&m->faults) > before;

	e2e_fill(src, SZ_4K, 50);
	ok &= !e2e_dma(m, E2E_SRC_IOVA, E2E_DST_IOVA, SZ_4K, 0,
		       m->nports - 1) && e2e_check(dst, SZ_4K, 50);
	ok &= e2e_expect_fault(m, E2E_HOLE_IOVA, E2E_DST_IOVA, 0, 0,
			       E2E_HOLE_IOVA, IOMMU_FAULT_READ);
	ok &= e2e_unmap(m, E2E_SRC_IOVA, SZ_4K) &&
	      e2e_unmap(m, E2E_DST_IOVA, SZ_4K);
out:
	e2e_free(src, SZ_4K);
	e2e_free(dst, SZ_4K);
	e2e_result(m, ok, "fault_storm_recovery");
}

static void e2e_run(struct e2e_master *m)
{
	int ret;

	e2e_test_dma_api(m, "dma_api_copy");

	m->domain = iommu_paging_domain_alloc(m->dev);
	if (IS_ERR(m->domain)) {
		e2e_result(m, false, "unmanaged_domain_attach");
		return;
	}
	iommu_set_fault_handler(m->domain, e2e_fault_handler, m);
	ret = iommu_attach_device(m->domain, m->dev);
	e2e_result(m, !ret, "unmanaged_domain_attach");
	if (ret) {
		iommu_domain_free(m->domain);
		return;
	}
	e2e_test_copy(m, SZ_4K, E2E_SRC_IOVA, "copy_4k_pages");
	e2e_test_copy(m, SZ_64K, E2E_SRC_IOVA, "copy_64k_pages");
	e2e_test_copy(m, SZ_1M, E2E_SRC_IOVA, "copy_1m_sections");
	if (m->domain->geometry.aperture_end >= E2E_IOVA_36 + SZ_32M)
		e2e_test_copy(m, SZ_4K, E2E_IOVA_36, "copy_36bit_iova");
	e2e_test_unmap_faults(m);
	e2e_test_permission_fault(m);
	e2e_test_remap(m, false);
	e2e_test_remap(m, true);
	e2e_test_runtime_pm(m);
	e2e_test_fault_storm(m);
	iommu_detach_device(m->domain, m->dev);
	iommu_domain_free(m->domain);

	e2e_test_dma_api(m, "dma_api_copy_after_detach");
}

/* The instances: the group's members, or the nodes the master lists. */
static int e2e_find_instances(struct e2e_master *m)
{
	struct device_node *np = m->dev->of_node, *iommu, *child;
	int n = of_count_phandle_with_args(np, "iommus", "#iommu-cells");
	int i;

	if (n <= 0)
		return -ENODEV;
	for (i = 0; i < n; i++) {
		iommu = of_parse_phandle(np, "iommus", i);
		if (!iommu)
			return -ENODEV;
		if (!of_get_child_count(iommu)) {
			if (m->nports == E2E_MAX_INSTANCES)
				return -E2BIG;
			m->instances[m->nports++] = iommu;
			continue;
		}
		for_each_available_child_of_node(iommu, child) {
			if (m->nports == E2E_MAX_INSTANCES) {
				of_node_put(child);
				return -E2BIG;
			}
			m->instances[m->nports++] = of_node_get(child);
		}
		of_node_put(iommu);
	}
	return 0;
}

/* The masters that probed, tested by e2e_run_all(). */
static struct e2e_master *e2e_masters[8];
static unsigned int e2e_nr_masters;

static int e2e_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct e2e_master *m;
	unsigned int i;
	int ret;

	m = devm_kzalloc(dev, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->dev = dev;
	atomic_set(&m->faults, 0);
	ret = dma_master_init(&m->dma, pdev);
	if (ret)
		return ret;
	ret = e2e_find_instances(m);
	if (ret)
		goto out;

	dev_info(dev, "behind %u System MMU instance(s), %s\n", m->nports,
		 device_iommu_mapped(dev) ? "translated" : "NOT TRANSLATED");
	ret = devm_pm_runtime_enable(dev);
	if (ret)
		goto out;
	if (e2e_nr_masters == ARRAY_SIZE(e2e_masters)) {
		ret = -ENOSPC;
		goto out;
	}
	e2e_masters[e2e_nr_masters++] = m;
	return 0;
out:
	for (i = 0; i < m->nports; i++)
		of_node_put(m->instances[i]);
	return ret;
}

/*
 * The tests run once the masters' probes have returned: during a probe the
 * driver core holds the suppliers (the System MMU instances) runtime-active.
 */
static void e2e_run_all(void)
{
	unsigned int i, p;

	for (i = 0; i < e2e_nr_masters; i++) {
		struct e2e_master *m = e2e_masters[i];

		if (pm_runtime_resume_and_get(m->dev)) {
			e2e_result(m, false, "runtime resume");
		} else {
			e2e_run(m);
			pm_runtime_put_sync(m->dev);
		}
		for (p = 0; p < m->nports; p++)
			of_node_put(m->instances[p]);
	}
}

static const struct of_device_id e2e_of_match[] = {
	{ .compatible = "samsung,exynos-sysmmu-e2e-dma" },
	{ }
};
MODULE_DEVICE_TABLE(of, e2e_of_match);

static struct platform_driver e2e_driver = {
	.probe = e2e_probe,
	.driver = {
		.name = "exynos-sysmmu-e2e",
		.of_match_table = e2e_of_match,
	},
};

static int __init e2e_init(void)
{
	int ret = platform_driver_register(&e2e_driver);

	if (ret)
		return ret;
	e2e_run_all();
	pr_info("exynos-sysmmu-e2e: %u passed, %u failed\n", e2e_passed,
		e2e_failed);
	return 0;
}
module_init(e2e_init);

static void __exit e2e_exit(void)
{
	platform_driver_unregister(&e2e_driver);
}
module_exit(e2e_exit);

MODULE_DESCRIPTION("End-to-end tests of the Exynos System MMU driver on QEMU");
MODULE_LICENSE("GPL");
