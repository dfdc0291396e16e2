// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite "exynos-bench": what map, unmap and iova_to_phys cost with the
 * Exynos page-table format, against io-pgtable-arm-v7s and io-pgtable-arm
 * (LPAE stage 1, 4 KiB granule) in the same boot, each with a coherent and
 * a non-coherent walker; and what iommu_map()/iommu_unmap() cost through the
 * whole driver on aggregates of one, two and three register models.
 *
 * It asserts nothing about time, only that the work it times is done right.
 * It prints "exynos-bench:" lines of medians and counters, which
 * tests/scripts/bench.sh turns into a table, a JSON file and target checks.
 * Under QEMU's TCG the times are emulated: only the ratios between
 * implementations measured in the same boot mean anything.
 *
 * The timed regions run with preemption enabled, since maps allocate tables
 * with GFP_KERNEL as the DMA API's callers mostly do; the suite runs alone
 * in an otherwise idle guest. Each call (or batch of small calls) is one
 * sample, and the median of the samples of all repetitions drops those a
 * tick, an interrupt or the host descheduling QEMU landed in. Repetitions
 * interleave the implementations so that a slow phase of the host hits all
 * of them alike.
 *
 * Cache maintenance is counted with the DMA API's tracepoints (a map of a
 * table for the walker, or a sync of entries, on the walker's device), so
 * the three implementations are counted the same way; the counting runs are
 * separate from the timed ones.
 */

#include <kunit/test.h>
#include <kunit/platform_device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/tracepoint.h>
#include <trace/events/dma.h>

#include "pgtable.h"
#include "test_model.h"
#include "test_overlay.h"

#define BENCH_REPS		11
/* At most 32 samples per repetition */
#define BENCH_SAMPLES		(32 * BENCH_REPS)
#define BENCH_IOVA		0x40000000UL
#define BENCH_PA		0x80000000ULL
#define BENCH_SIZE		SZ_64M
#define BENCH_PROT		(IOMMU_READ | IOMMU_WRITE)
#define BENCH_LOOKUPS		100000
#define BENCH_LOOKUP_BATCH	10000
/* Scattered pages: a DMA-API-like pattern of single pages in a window */
#define BENCH_SCATTER_PAGES	2048
#define BENCH_SCATTER_SLOTS	(SZ_256M / SZ_4K)
#define BENCH_SCATTER_STRIDE	40503	/* odd: visits distinct slots */
#define BENCH_SCATTER_BATCH	128

enum bench_impl {
	BENCH_OURS,
	BENCH_V7S,
	BENCH_LPAE,
	BENCH_NR_IMPLS,
};

static const char * const bench_impl_name[BENCH_NR_IMPLS] = {
	[BENCH_OURS] = "ours",
	[BENCH_V7S] = "v7s",
	[BENCH_LPAE] = "lpae",
};

/**
 * struct bench_pt - one page table of any of the implementations
 * @ops: what the workloads call, like a driver's domain ops: for ours,
 *	functions that call exynos_pt_*() as the driver does, for io-pgtable
 *	functions that call its ops, as io-pgtable drivers do
 * @iop: io-pgtable: its ops
 * @pt: ours: the page table
 * @impl: which implementation
 * @pgsizes: page sizes it supports
 * @tlb_calls: calls of the TLB callbacks (no-op stubs)
 */
struct bench_pt {
	struct io_pgtable_ops ops;
	struct io_pgtable_ops *iop;
	struct exynos_pt *pt;
	enum bench_impl impl;
	unsigned long pgsizes;
	unsigned long tlb_calls;
};

/* A map-then-unmap workload over one range */
struct bench_wl {
	const char *name;
	size_t size;
	size_t chunk;	/* bytes per map_pages/unmap_pages call */
	size_t pgsize;
};

static const struct bench_wl bench_wls[] = {
	{ "4k-2m", BENCH_SIZE, SZ_2M, SZ_4K },
	{ "4k-all", BENCH_SIZE, BENCH_SIZE, SZ_4K },
	{ "64k-2m", BENCH_SIZE, SZ_2M, SZ_64K },
	{ "64k-all", BENCH_SIZE, BENCH_SIZE, SZ_64K },
	{ "1m-2m", BENCH_SIZE, SZ_2M, SZ_1M },
	{ "1m-all", BENCH_SIZE, BENCH_SIZE, SZ_1M },
	/* The 1 MiB reference of the linearity check */
	{ "4k-1mib", SZ_1M, SZ_1M, SZ_4K },
};

/* Walker callbacks of our format, the same as the driver's (iommu.c). */

static int bench_ours_table_added(void *cookie, void *table, size_t size)
{
	struct device *dev = cookie;
	dma_addr_t dma;

	dma = dma_map_single_attrs(dev, table, size, DMA_TO_DEVICE,
				   DMA_ATTR_SKIP_CPU_SYNC);
	if (dma_mapping_error(dev, dma))
		return -ENOMEM;
	if (dma != virt_to_phys(table)) {
		dma_unmap_single(dev, dma, size, DMA_TO_DEVICE);
		return -EINVAL;
	}
	return 0;
}

static void bench_ours_table_removed(void *cookie, void *table, size_t size)
{
	dma_unmap_single(cookie, virt_to_phys(table), size, DMA_TO_DEVICE);
}

static void bench_ours_sync(void *cookie, void *ptr, size_t size)
{
	dma_sync_single_for_device(cookie, virt_to_phys(ptr), size,
				   DMA_TO_DEVICE);
}

/* Like the TLB stubs given to io-pgtable: no hardware to tell. */
static void bench_ours_flush_lv1(void *cookie, unsigned long iova)
{
}

static const struct exynos_pt_ops bench_ours_noncoherent = {
	.table_added = bench_ours_table_added,
	.table_removed = bench_ours_table_removed,
	.sync = bench_ours_sync,
	.flush_lv1 = bench_ours_flush_lv1,
};

static const struct exynos_pt_ops bench_ours_coherent = {
	.flush_lv1 = bench_ours_flush_lv1,
};

static struct bench_pt *to_bench_pt(struct io_pgtable_ops *ops)
{
	return container_of(ops, struct bench_pt, ops);
}

static int bench_ours_map(struct io_pgtable_ops *ops, unsigned long iova,
			  phys_addr_t paddr, size_t pgsize, size_t pgcount,
			  int prot, gfp_t gfp, size_t *mapped)
{
	return exynos_pt_map(to_bench_pt(ops)->pt, iova, paddr, pgsize,
			     pgcount, prot, gfp, mapped);
}

/* What the driver's unmap_pages does around the format. */
static size_t bench_ours_unmap(struct io_pgtable_ops *ops, unsigned long iova,
			       size_t pgsize, size_t pgcount,
			       struct iommu_iotlb_gather *gather)
{
	size_t size;

	size = exynos_pt_unmap(to_bench_pt(ops)->pt, iova, pgsize, pgcount);
	if (size)
		iommu_iotlb_gather_add_range(gather, iova, size);
	return size;
}

static phys_addr_t bench_ours_iova_to_phys(struct io_pgtable_ops *ops,
					   unsigned long iova)
{
	return exynos_pt_iova_to_phys(to_bench_pt(ops)->pt, iova);
}

static int bench_iop_map(struct io_pgtable_ops *ops, unsigned long iova,
			 phys_addr_t paddr, size_t pgsize, size_t pgcount,
			 int prot, gfp_t gfp, size_t *mapped)
{
	struct io_pgtable_ops *iop = to_bench_pt(ops)->iop;

	return iop->map_pages(iop, iova, paddr, pgsize, pgcount, prot, gfp,
			      mapped);
}

static size_t bench_iop_unmap(struct io_pgtable_ops *ops, unsigned long iova,
			      size_t pgsize, size_t pgcount,
			      struct iommu_iotlb_gather *gather)
{
	struct io_pgtable_ops *iop = to_bench_pt(ops)->iop;

	return iop->unmap_pages(iop, iova, pgsize, pgcount, gather);
}

static phys_addr_t bench_iop_iova_to_phys(struct io_pgtable_ops *ops,
					  unsigned long iova)
{
	struct io_pgtable_ops *iop = to_bench_pt(ops)->iop;

	return iop->iova_to_phys(iop, iova);
}

/* TLB callbacks of io-pgtable: counted, nothing to invalidate. */

static void bench_tlb_flush_all(void *cookie)
{
	struct bench_pt *bp = cookie;

	bp->tlb_calls++;
}

static void bench_tlb_flush_walk(unsigned long iova, size_t size,
				 size_t granule, void *cookie)
{
	struct bench_pt *bp = cookie;

	bp->tlb_calls++;
}

static void bench_tlb_add_page(struct iommu_iotlb_gather *gather,
			       unsigned long iova, size_t granule,
			       void *cookie)
{
	struct bench_pt *bp = cookie;

	bp->tlb_calls++;
}

static const struct iommu_flush_ops bench_flush_ops = {
	.tlb_flush_all = bench_tlb_flush_all,
	.tlb_flush_walk = bench_tlb_flush_walk,
	.tlb_add_page = bench_tlb_add_page,
};

static struct bench_pt *bench_pt_alloc(struct kunit *test,
				       struct device *walker,
				       enum bench_impl impl, bool coherent)
{
	struct io_pgtable_cfg cfg = {
		.ias = 32,
		.coherent_walk = coherent,
		.tlb = &bench_flush_ops,
		.iommu_dev = walker,
	};
	struct exynos_pt_cfg ecfg = {
		.ias = 32,
		.pte_shift = 4,
		.prot_fmt = EXYNOS_PT_PROT_V5,
		.ops = coherent ? &bench_ours_coherent : &bench_ours_noncoherent,
		.cookie = walker,
	};
	struct bench_pt *bp;

	bp = kzalloc_obj(*bp, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bp);
	bp->impl = impl;
	bp->ops.map_pages = bench_iop_map;
	bp->ops.unmap_pages = bench_iop_unmap;
	bp->ops.iova_to_phys = bench_iop_iova_to_phys;
	switch (impl) {
	case BENCH_OURS:
		bp->pt = exynos_pt_alloc(&ecfg, GFP_KERNEL);
		bp->ops.map_pages = bench_ours_map;
		bp->ops.unmap_pages = bench_ours_unmap;
		bp->ops.iova_to_phys = bench_ours_iova_to_phys;
		bp->pgsizes = EXYNOS_PT_PGSIZES;
		break;
	case BENCH_V7S:
		cfg.pgsize_bitmap = SZ_4K | SZ_64K | SZ_1M;
		cfg.oas = 32;
		bp->iop = alloc_io_pgtable_ops(ARM_V7S, &cfg, bp);
		bp->pgsizes = cfg.pgsize_bitmap;
		break;
	case BENCH_LPAE:
		cfg.pgsize_bitmap = SZ_4K | SZ_2M | SZ_1G;
		cfg.oas = 40;
		bp->iop = alloc_io_pgtable_ops(ARM_64_LPAE_S1, &cfg, bp);
		bp->pgsizes = cfg.pgsize_bitmap;
		break;
	default:
		break;
	}
	if (!bp->pt && !bp->iop) {
		kfree(bp);
		KUNIT_FAIL_AND_ABORT(test, "cannot allocate a %s table",
				     bench_impl_name[impl]);
	}
	return bp;
}

static void bench_pt_free(struct bench_pt *bp)
{
	if (bp->impl == BENCH_OURS)
		exynos_pt_free(bp->pt);
	else
		free_io_pgtable_ops(bp->iop);
	kfree(bp);
}

/* The largest page size @bp has up to @pgsize: what the IOMMU core picks. */
static size_t bench_pgsize(const struct bench_pt *bp, size_t pgsize)
{
	return 1UL << __fls(bp->pgsizes & (pgsize | (pgsize - 1)));
}

/*
 * Map @size bytes in calls of @chunk bytes of @pgsize pages, calling again
 * for the rest when an implementation maps less than asked (LPAE stops at
 * the end of a table), as the IOMMU core does.
 */
static int bench_map(struct bench_pt *bp, unsigned long iova, u64 pa,
		     size_t size, size_t chunk, size_t pgsize)
{
	size_t off, done, mapped;
	int ret;

	pgsize = bench_pgsize(bp, pgsize);
	for (off = 0; off < size; off += chunk) {
		for (done = 0; done < chunk; done += mapped) {
			mapped = 0;
			ret = bp->ops.map_pages(&bp->ops, iova + off + done,
						pa + off + done, pgsize,
						(chunk - done) / pgsize,
						BENCH_PROT, GFP_KERNEL,
						&mapped);
			if (ret)
				return ret;
			if (!mapped)
				return -EIO;
		}
	}
	return 0;
}

static int bench_unmap(struct bench_pt *bp, unsigned long iova, size_t size,
		       size_t chunk, size_t pgsize)
{
	struct iommu_iotlb_gather gather;
	size_t off, done, n;

	pgsize = bench_pgsize(bp, pgsize);
	for (off = 0; off < size; off += chunk) {
		iommu_iotlb_gather_init(&gather);
		for (done = 0; done < chunk; done += n) {
			n = bp->ops.unmap_pages(&bp->ops, iova + off + done,
						pgsize, (chunk - done) / pgsize,
						&gather);
			if (!n)
				return -EIO;
		}
	}
	return 0;
}

/* Timing */

static int bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/**
 * struct bench_samples - times of one measurement
 * @ns: one time per call, or per batch of calls, of every repetition
 * @n: number of times in @ns
 *
 * A sample is kept short (one call, or a batch of small calls) so that the
 * host descheduling QEMU spoils few samples rather than most repetitions.
 */
struct bench_samples {
	u64 ns[BENCH_SAMPLES];
	unsigned int n;
};

static struct bench_samples *bench_samples_alloc(struct kunit *test,
						 unsigned int nr)
{
	struct bench_samples *s;

	s = kunit_kcalloc(test, nr, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	return s;
}

static void bench_sample(struct bench_samples *s, u64 t0)
{
	u64 t = ktime_get_ns() - t0;

	if (!WARN_ON_ONCE(s->n == BENCH_SAMPLES))
		s->ns[s->n++] = t;
}

static u64 bench_median(struct bench_samples *s)
{
	if (!s->n)
		return 0;
	sort(s->ns, s->n, sizeof(*s->ns), bench_cmp_u64, NULL);
	return s->ns[s->n / 2];
}

static void bench_print_time(const char *wl, bool coherent,
			     enum bench_impl impl, const char *op,
			     unsigned long pages, struct bench_samples *s)
{
	u64 median = bench_median(s);

	pr_info("exynos-bench: time wl=%s mode=%s impl=%s op=%s pages=%lu reps=%u samples=%u median=%llu min=%llu max=%llu\n",
		wl, coherent ? "coh" : "noncoh", bench_impl_name[impl], op,
		pages, BENCH_REPS, s->n, median, s->ns[0], s->ns[s->n - 1]);
}

/* Cache maintenance on the walker's device, seen through the tracepoints */

/**
 * struct bench_cmo - what the DMA API did for one device
 * @dev: the device
 * @calls: maps without DMA_ATTR_SKIP_CPU_SYNC and syncs for the device
 * @bytes: bytes mapped minus bytes unmapped
 */
struct bench_cmo {
	struct device *dev;
	unsigned long calls;
	long bytes;
};

static void bench_trace_map(void *data, struct device *dev, phys_addr_t phys,
			    dma_addr_t dma, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	struct bench_cmo *c = data;

	if (dev != c->dev)
		return;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		c->calls++;
	c->bytes += size;
}

static void bench_trace_unmap(void *data, struct device *dev, dma_addr_t dma,
			      size_t size, enum dma_data_direction dir,
			      unsigned long attrs)
{
	struct bench_cmo *c = data;

	if (dev == c->dev)
		c->bytes -= size;
}

static void bench_trace_sync(void *data, struct device *dev, dma_addr_t dma,
			     size_t size, enum dma_data_direction dir)
{
	struct bench_cmo *c = data;

	if (dev == c->dev)
		c->calls++;
}

static void bench_cmo_stop(void *data)
{
	unregister_trace_dma_sync_single_for_device(bench_trace_sync, data);
	unregister_trace_dma_unmap_page(bench_trace_unmap, data);
	unregister_trace_dma_map_page(bench_trace_map, data);
	tracepoint_synchronize_unregister();
}

static void bench_cmo_start(struct kunit *test, struct bench_cmo *c)
{
	KUNIT_ASSERT_EQ(test, 0, register_trace_dma_map_page(bench_trace_map, c));
	KUNIT_ASSERT_EQ(test, 0,
			register_trace_dma_unmap_page(bench_trace_unmap, c));
	KUNIT_ASSERT_EQ(test, 0,
			register_trace_dma_sync_single_for_device(bench_trace_sync,
								  c));
}

/* The suite */

struct bench_ctx {
	struct device *walker;
};

static int bench_init(struct kunit *test)
{
	struct platform_device *pdev;
	struct bench_ctx *b;

	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	/* A device for the walkers' DMA: non-coherent, 32-bit mask. */
	pdev = kunit_platform_device_alloc(test, "exynos-bench-walker",
					   PLATFORM_DEVID_NONE);
	if (IS_ERR(pdev))
		return PTR_ERR(pdev);
	if (kunit_platform_device_add(test, pdev))
		return -ENODEV;
	b->walker = &pdev->dev;
	if (dma_set_mask_and_coherent(b->walker, DMA_BIT_MASK(32)))
		return -EIO;
	test->priv = b;
	return 0;
}

/* Map then unmap @wl into @bp, timing each call. */
static void bench_map_unmap_once(struct kunit *test, struct bench_pt *bp,
				 const struct bench_wl *wl,
				 struct bench_samples *map,
				 struct bench_samples *unmap)
{
	size_t off;
	u64 t0;
	int ret;

	for (off = 0; off < wl->size; off += wl->chunk) {
		t0 = ktime_get_ns();
		ret = bench_map(bp, BENCH_IOVA + off, BENCH_PA + off, wl->chunk,
				wl->chunk, wl->pgsize);
		bench_sample(map, t0);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	KUNIT_ASSERT_EQ(test, bp->ops.iova_to_phys(&bp->ops, BENCH_IOVA + 5),
			BENCH_PA + 5);
	for (off = 0; off < wl->size; off += wl->chunk) {
		t0 = ktime_get_ns();
		ret = bench_unmap(bp, BENCH_IOVA + off, wl->chunk, wl->chunk,
				  wl->pgsize);
		bench_sample(unmap, t0);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	KUNIT_ASSERT_EQ(test, bp->ops.iova_to_phys(&bp->ops, BENCH_IOVA), 0);
}

/*
 * Map then unmap each workload into a fresh page table, then map and unmap
 * it again into the tables the first map left ("warm", the usual case of
 * the DMA path).
 */
static void bench_map_unmap(struct kunit *test)
{
	struct bench_ctx *b = test->priv;
	static const char * const ops[] = {
		"map", "unmap", "map-warm", "unmap-warm",
	};
	struct bench_samples *s;
	const struct bench_wl *wl;
	struct bench_pt *bp;
	unsigned int w, rep, i, mode, op;

	s = bench_samples_alloc(test, ARRAY_SIZE(ops) * BENCH_NR_IMPLS);
	pr_info("exynos-bench: info walker_coherent=%d reps=%u\n",
		dev_is_dma_coherent(b->walker), BENCH_REPS);
	for (w = 0; w < ARRAY_SIZE(bench_wls); w++) {
		wl = &bench_wls[w];
		for (mode = 0; mode < 2; mode++) {
			memset(s, 0, ARRAY_SIZE(ops) * BENCH_NR_IMPLS *
				     sizeof(*s));
			for (rep = 0; rep < BENCH_REPS; rep++) {
				for (i = 0; i < BENCH_NR_IMPLS; i++) {
					bp = bench_pt_alloc(test, b->walker, i,
							    mode);
					bench_map_unmap_once(test, bp, wl,
							     &s[0 * BENCH_NR_IMPLS + i],
							     &s[1 * BENCH_NR_IMPLS + i]);
					bench_map_unmap_once(test, bp, wl,
							     &s[2 * BENCH_NR_IMPLS + i],
							     &s[3 * BENCH_NR_IMPLS + i]);
					bench_pt_free(bp);
				}
			}
			for (op = 0; op < ARRAY_SIZE(ops); op++)
				for (i = 0; i < BENCH_NR_IMPLS; i++)
					bench_print_time(wl->name, mode, i,
							 ops[op],
							 wl->chunk / wl->pgsize,
							 &s[op * BENCH_NR_IMPLS + i]);
		}
	}
}

/* Last-level tables a range of @pgsize pages spans in @bp's format */
static unsigned long bench_tables(const struct bench_pt *bp, size_t size,
				  size_t pgsize)
{
	if (bp->impl == BENCH_LPAE)
		return DIV_ROUND_UP(size, SZ_2M);
	return pgsize >= SZ_1M ? 0 : DIV_ROUND_UP(size, SZ_1M);
}

/*
 * Cache maintenance per map_pages call with a non-coherent walker, into a
 * fresh table and into tables left by an earlier map; and the table memory
 * a fresh map allocates.
 */
static void bench_counters(struct kunit *test)
{
	struct bench_ctx *b = test->priv;
	struct bench_cmo c = { .dev = b->walker };
	const struct bench_wl *wl;
	unsigned long fresh, steady, tlb, tables;
	struct bench_pt *bp;
	unsigned int w, i;
	long bytes;

	bench_cmo_start(test, &c);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, bench_cmo_stop, &c));
	for (w = 0; w < ARRAY_SIZE(bench_wls); w++) {
		wl = &bench_wls[w];
		for (i = 0; i < BENCH_NR_IMPLS; i++) {
			bp = bench_pt_alloc(test, b->walker, i, false);
			c.calls = 0;
			c.bytes = 0;
			KUNIT_ASSERT_EQ(test, 0,
					bench_map(bp, BENCH_IOVA, BENCH_PA,
						  wl->size, wl->chunk,
						  wl->pgsize));
			fresh = c.calls;
			bytes = c.bytes;
			bp->tlb_calls = 0;
			KUNIT_ASSERT_EQ(test, 0,
					bench_unmap(bp, BENCH_IOVA, wl->size,
						    wl->chunk, wl->pgsize));
			tlb = bp->tlb_calls;
			c.calls = 0;
			KUNIT_ASSERT_EQ(test, 0,
					bench_map(bp, BENCH_IOVA, BENCH_PA,
						  wl->size, wl->chunk,
						  wl->pgsize));
			steady = c.calls;
			tables = bench_tables(bp, wl->size, wl->pgsize);
			bench_pt_free(bp);
			pr_info("exynos-bench: cmo wl=%s impl=%s calls=%lu tables=%lu fresh=%lu steady=%lu table_bytes=%ld mib=%lu unmap_tlb_calls=%lu\n",
				wl->name, bench_impl_name[i],
				wl->size / wl->chunk, tables, fresh, steady,
				bytes, wl->size / SZ_1M, tlb);
		}
	}
	kunit_release_action(test, bench_cmo_stop, &c);
}

/* Random lookups over a dense 4 KiB mapping of 64 MiB. */
static void bench_iova_to_phys(struct kunit *test)
{
	struct bench_ctx *b = test->priv;
	struct bench_pt *bp[BENCH_NR_IMPLS];
	struct bench_samples *s;
	struct rnd_state rnd;
	unsigned long *iova;
	unsigned int mode, rep, i, k, j;
	phys_addr_t sum, want;
	u64 t0;

	s = bench_samples_alloc(test, BENCH_NR_IMPLS);

	iova = kunit_kmalloc_array(test, BENCH_LOOKUPS, sizeof(*iova),
				   GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, iova);
	prandom_seed_state(&rnd, 0x5eed);
	want = 0;
	for (k = 0; k < BENCH_LOOKUPS; k++) {
		iova[k] = BENCH_IOVA + prandom_u32_state(&rnd) % BENCH_SIZE;
		want += BENCH_PA + iova[k] - BENCH_IOVA;
	}

	for (mode = 0; mode < 2; mode++) {
		memset(s, 0, BENCH_NR_IMPLS * sizeof(*s));
		for (i = 0; i < BENCH_NR_IMPLS; i++) {
			bp[i] = bench_pt_alloc(test, b->walker, i, mode);
			KUNIT_ASSERT_EQ(test, 0,
					bench_map(bp[i], BENCH_IOVA, BENCH_PA,
						  BENCH_SIZE, BENCH_SIZE,
						  SZ_4K));
		}
		for (rep = 0; rep < BENCH_REPS; rep++) {
			for (i = 0; i < BENCH_NR_IMPLS; i++) {
				struct io_pgtable_ops *ops = &bp[i]->ops;

				sum = 0;
				for (k = 0; k < BENCH_LOOKUPS;
				     k += BENCH_LOOKUP_BATCH) {
					t0 = ktime_get_ns();
					for (j = k; j < k + BENCH_LOOKUP_BATCH; j++)
						sum += ops->iova_to_phys(ops,
									 iova[j]);
					bench_sample(&s[i], t0);
				}
				KUNIT_ASSERT_EQ(test, sum, want);
			}
		}
		for (i = 0; i < BENCH_NR_IMPLS; i++) {
			bench_print_time("lookup", mode, i, "iova_to_phys",
					 BENCH_LOOKUP_BATCH, &s[i]);
			bench_pt_free(bp[i]);
		}
	}
}

/*
 * Single 4 KiB pages mapped and unmapped one call each at scattered IOVAs,
 * as the DMA API does for streaming mappings; tables stay from the warm-up.
 */
/* One pass of single-page maps, or unmaps, timed in batches into @s. */
static int bench_scatter_pass(struct bench_pt *bp, const unsigned long *iova,
			      const u64 *pa, bool map, struct bench_samples *s)
{
	unsigned int k, j;
	int ret = 0;
	u64 t0;

	for (k = 0; k < BENCH_SCATTER_PAGES; k += BENCH_SCATTER_BATCH) {
		t0 = ktime_get_ns();
		for (j = k; j < k + BENCH_SCATTER_BATCH && !ret; j++)
			ret = map ? bench_map(bp, iova[j], pa[j], SZ_4K, SZ_4K,
					      SZ_4K) :
				    bench_unmap(bp, iova[j], SZ_4K, SZ_4K,
						SZ_4K);
		if (s)
			bench_sample(s, t0);
	}
	return ret;
}

static void bench_scattered(struct kunit *test)
{
	struct bench_ctx *b = test->priv;
	struct bench_pt *bp[BENCH_NR_IMPLS];
	struct bench_samples *s;
	unsigned long *iova;
	unsigned int mode, rep, i, k;
	struct rnd_state rnd;
	u64 *pa;

	s = bench_samples_alloc(test, 2 * BENCH_NR_IMPLS);
	iova = kunit_kmalloc_array(test, BENCH_SCATTER_PAGES, sizeof(*iova),
				   GFP_KERNEL);
	pa = kunit_kmalloc_array(test, BENCH_SCATTER_PAGES, sizeof(*pa),
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, iova);
	KUNIT_ASSERT_NOT_NULL(test, pa);
	prandom_seed_state(&rnd, 0xd3a);
	for (k = 0; k < BENCH_SCATTER_PAGES; k++) {
		iova[k] = BENCH_IOVA + (u64)((k * BENCH_SCATTER_STRIDE) %
					     BENCH_SCATTER_SLOTS) * SZ_4K;
		pa[k] = BENCH_PA + (u64)(prandom_u32_state(&rnd) % SZ_1M) *
			SZ_4K % SZ_1G;
	}

	for (mode = 0; mode < 2; mode++) {
		memset(s, 0, 2 * BENCH_NR_IMPLS * sizeof(*s));
		for (i = 0; i < BENCH_NR_IMPLS; i++)
			bp[i] = bench_pt_alloc(test, b->walker, i, mode);
		/* Repetition 0 is the warm-up that allocates the tables. */
		for (rep = 0; rep <= BENCH_REPS; rep++) {
			for (i = 0; i < BENCH_NR_IMPLS; i++) {
				KUNIT_ASSERT_EQ(test, 0,
						bench_scatter_pass(bp[i], iova, pa, true,
								   rep ? &s[i] : NULL));
				KUNIT_ASSERT_EQ(test, 0,
						bench_scatter_pass(bp[i], iova, pa, false,
								   rep ? &s[BENCH_NR_IMPLS + i] :
								   NULL));
			}
		}
		for (i = 0; i < BENCH_NR_IMPLS; i++) {
			bench_print_time("scattered", mode, i, "map",
					 BENCH_SCATTER_BATCH, &s[i]);
			bench_print_time("scattered", mode, i, "unmap",
					 BENCH_SCATTER_BATCH,
					 &s[BENCH_NR_IMPLS + i]);
			bench_pt_free(bp[i]);
		}
	}
}

/* Through the whole driver: aggregates of one, two and three members */

#define BENCH_GROUPS		3
#define BENCH_DRV_IOVA		0x40000000UL
/* Only 4 KiB-aligned, so that iommu_map() uses 4 KiB pages. */
#define BENCH_DRV_PA		(BENCH_PA + SZ_4K)
#define BENCH_DRV_PAGES		256
#define BENCH_DRV_BATCH		32
/* 1 MiB map/unmap runs per repetition */
#define BENCH_DRV_RUNS		4
/* A register of the model that no v7 instance uses */
#define BENCH_MODEL_SCRATCH	0x7f0

static const char * const bench_masters[BENCH_GROUPS] = {
	"/exynos-bench-master1",
	"/exynos-bench-master2",
	"/exynos-bench-master3",
};

static const struct {
	phys_addr_t base;
	const char *path;
} bench_members[BENCH_GROUPS][BENCH_GROUPS] = {
	{
		{ 0x1e000000, "/exynos-bench-group1/iommu@1e000000" },
	}, {
		{ 0x1e100000, "/exynos-bench-group2/iommu@1e100000" },
		{ 0x1e110000, "/exynos-bench-group2/iommu@1e110000" },
	}, {
		{ 0x1e200000, "/exynos-bench-group3/iommu@1e200000" },
		{ 0x1e210000, "/exynos-bench-group3/iommu@1e210000" },
		{ 0x1e220000, "/exynos-bench-group3/iommu@1e220000" },
	},
};

KUNIT_DEFINE_ACTION_WRAPPER(bench_rpm_put, pm_runtime_put_sync,
			    struct device *);

/* The domain of group @g, attached to its running master. */
static struct iommu_domain *bench_group_domain(struct kunit *test,
					       unsigned int g)
{
	struct iommu_domain *domain;
	struct device *master;
	unsigned int i;

	master = sysmmu_test_find_dev(test, bench_masters[g]);
	KUNIT_ASSERT_TRUE(test, sysmmu_test_bound(master));
	KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(master), 0);
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, bench_rpm_put, master));
	for (i = 0; i <= g; i++) {
		struct device *dev;
		struct sysmmu_member *member;

		dev = sysmmu_test_find_dev(test, bench_members[g][i].path);
		member = sysmmu_test_member(dev);
		KUNIT_ASSERT_NOT_NULL(test, member);
		sysmmu_test_wait_powered(test, member, true);
	}
	domain = sysmmu_test_domain_alloc(test, master);
	KUNIT_ASSERT_EQ(test, iommu_attach_device(domain, master), 0);
	return domain;
}

/* Single pages mapped, or unmapped, one call each, timed in batches. */
static int bench_driver_pages(struct iommu_domain *domain, bool map,
			      struct bench_samples *s)
{
	unsigned long iova;
	unsigned int k, j;
	u64 t0;

	for (k = 0; k < BENCH_DRV_PAGES; k += BENCH_DRV_BATCH) {
		t0 = ktime_get_ns();
		for (j = k; j < k + BENCH_DRV_BATCH; j++) {
			iova = BENCH_DRV_IOVA + j * SZ_4K;
			if (map && iommu_map(domain, iova,
					     BENCH_DRV_PA + j * SZ_4K, SZ_4K,
					     BENCH_PROT, GFP_KERNEL))
				return -EIO;
			if (!map && iommu_unmap(domain, iova, SZ_4K) != SZ_4K)
				return -EIO;
		}
		bench_sample(s, t0);
	}
	return 0;
}

static void bench_driver(struct kunit *test)
{
	static const size_t unmap_sizes[] = { SZ_4K, SZ_1M, SZ_64M };
	static const char * const ops[4] = {
		"map1m", "unmap1m", "map4k", "unmap4k",
	};
	struct sysmmu_test_model *model[BENCH_GROUPS][BENCH_GROUPS];
	struct iommu_domain *domain[BENCH_GROUPS];
	unsigned int g, i, rep, k, op, s, lo, hi;
	struct bench_samples *st;
	u64 t0;

	st = bench_samples_alloc(test, ARRAY_SIZE(ops) * BENCH_GROUPS + 1);
	sysmmu_test_drivers_register(test);
	for (g = 0; g < BENCH_GROUPS; g++)
		for (i = 0; i <= g; i++)
			model[g][i] = sysmmu_test_model_add(test,
							    bench_members[g][i].base,
							    SYSMMU_TEST_VERSION(7, 4),
							    0, 0);
	sysmmu_test_overlay(test, bench_group);
	sysmmu_test_settle();
	for (g = 0; g < BENCH_GROUPS; g++)
		domain[g] = bench_group_domain(test, g);

	for (rep = 0; rep < BENCH_REPS; rep++) {
		for (g = 0; g < BENCH_GROUPS; g++) {
			for (k = 0; k < BENCH_DRV_RUNS; k++) {
				t0 = ktime_get_ns();
				KUNIT_ASSERT_EQ(test, 0,
						iommu_map(domain[g], BENCH_DRV_IOVA,
							  BENCH_DRV_PA, SZ_1M,
							  BENCH_PROT, GFP_KERNEL));
				bench_sample(&st[0 * BENCH_GROUPS + g], t0);
				t0 = ktime_get_ns();
				KUNIT_ASSERT_EQ(test, SZ_1M,
						iommu_unmap(domain[g],
							    BENCH_DRV_IOVA, SZ_1M));
				bench_sample(&st[1 * BENCH_GROUPS + g], t0);
			}
			KUNIT_ASSERT_EQ(test, 0,
					bench_driver_pages(domain[g], true,
							   &st[2 * BENCH_GROUPS + g]));
			KUNIT_ASSERT_EQ(test, 0,
					bench_driver_pages(domain[g], false,
							   &st[3 * BENCH_GROUPS + g]));
		}
	}
	for (op = 0; op < ARRAY_SIZE(ops); op++) {
		for (g = 0; g < BENCH_GROUPS; g++) {
			struct bench_samples *x = &st[op * BENCH_GROUPS + g];
			u64 median = bench_median(x);

			pr_info("exynos-bench: driver members=%u op=%s pages=%u reps=%u samples=%u median=%llu min=%llu max=%llu\n",
				g + 1, ops[op],
				op < 2 ? BENCH_DRV_PAGES : BENCH_DRV_BATCH,
				BENCH_REPS, x->n, median, x->ns[0],
				x->ns[x->n - 1]);
		}
	}

	/*
	 * What a register model charges for one write (a locked, logged
	 * store, where hardware takes a posted MMIO write): the part of the
	 * fan-out cost that is the model's.
	 */
	for (rep = 0; rep < BENCH_REPS; rep++) {
		struct sysmmu_test_model *m = model[0][0];

		t0 = ktime_get_ns();
		for (k = 0; k < 3 * BENCH_DRV_BATCH; k++)
			m->mmio.write(&m->mmio, BENCH_MODEL_SCRATCH, k);
		bench_sample(&st[ARRAY_SIZE(ops) * BENCH_GROUPS], t0);
	}
	pr_info("exynos-bench: model writes=%u median=%llu\n",
		3 * BENCH_DRV_BATCH,
		bench_median(&st[ARRAY_SIZE(ops) * BENCH_GROUPS]));

	/* Register writes of the one sync of an iommu_unmap() */
	for (g = 0; g < BENCH_GROUPS; g++) {
		for (s = 0; s < ARRAY_SIZE(unmap_sizes); s++) {
			KUNIT_ASSERT_EQ(test, 0,
					iommu_map(domain[g], BENCH_DRV_IOVA,
						  BENCH_DRV_PA, unmap_sizes[s],
						  BENCH_PROT, GFP_KERNEL));
			for (i = 0; i <= g; i++)
				sysmmu_test_model_clear_log(model[g][i]);
			KUNIT_ASSERT_EQ(test, unmap_sizes[s],
					iommu_unmap(domain[g], BENCH_DRV_IOVA,
						    unmap_sizes[s]));
			lo = UINT_MAX;
			hi = 0;
			for (i = 0; i <= g; i++) {
				lo = min(lo, model[g][i]->nr_writes);
				hi = max(hi, model[g][i]->nr_writes);
			}
			pr_info("exynos-bench: regs members=%u unmap_bytes=%zu syncs=1 min=%u max=%u\n",
				g + 1, unmap_sizes[s], lo, hi);
		}
	}
}

static struct kunit_case bench_cases[] = {
	KUNIT_CASE(bench_map_unmap),
	KUNIT_CASE(bench_counters),
	KUNIT_CASE(bench_iova_to_phys),
	KUNIT_CASE(bench_scattered),
	KUNIT_CASE(bench_driver),
	{ }
};

static struct kunit_suite bench_suite = {
	.name = "exynos-bench",
	.init = bench_init,
	.test_cases = bench_cases,
};

kunit_test_suite(bench_suite);
