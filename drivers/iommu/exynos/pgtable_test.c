// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the Exynos System MMU page-table format.
 *
 * Every test records the callbacks of its page tables and, after freeing
 * them, checks that every table passed to table_added was passed to
 * table_removed. Entries are checked by decoding the table memory, with the
 * encodings written out again here rather than taken from pgtable.c.
 */

#include <kunit/test.h>
#include <linux/iommu.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/prandom.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pgtable.h"

/* The format, as the hardware documentation gives it */
#define T_SECT_SHIFT	20
#define T_PAGE_SHIFT	12
#define T_LV2_ENTRIES	256
#define T_LV2_SIZE	SZ_1K
#define T_TYPE(ent)	((ent) & 3)
#define T_LV1_LINK	1
#define T_LV1_SECT	2
#define T_LV2_LARGE	1
#define T_LV2_SMALL	2

#define T_RW		(IOMMU_READ | IOMMU_WRITE)

#define T_MAGIC		0x5ec7ab1e
#define T_MAX_EVENTS	256
#define T_MAX_LIVE	128

enum t_event_type { T_EV_ADD, T_EV_REMOVE, T_EV_SYNC, T_EV_FLUSH };

struct t_event {
	enum t_event_type type;
	void *ptr;
	size_t size;
	unsigned long iova;
};

struct t_table {
	void *ptr;
	size_t size;
};

/* One page table under test and what its callbacks saw */
struct t_ctx {
	unsigned int magic;
	struct kunit *test;
	struct exynos_pt_cfg cfg;
	struct exynos_pt *pt;
	u32 zero_link;
	unsigned int lv1_entries;

	unsigned int added, removed, lv2_added, lv2_removed;
	unsigned int added_calls, fail_added_at;
	int fail_err;
	unsigned int syncs, flushes;
	void *last_removed;

	unsigned int nr_events;
	bool events_overflow;
	struct t_event events[T_MAX_EVENTS];

	unsigned int nr_live;
	struct t_table live[T_MAX_LIVE];
};

static void t_event(struct t_ctx *ctx, enum t_event_type type, void *ptr,
		    size_t size, unsigned long iova)
{
	if (ctx->nr_events == T_MAX_EVENTS) {
		ctx->events_overflow = true;
		return;
	}
	ctx->events[ctx->nr_events++] = (struct t_event){
		.type = type, .ptr = ptr, .size = size, .iova = iova,
	};
}

static struct t_ctx *t_cookie(void *cookie)
{
	struct t_ctx *ctx = cookie;

	/* A wrong cookie would most likely crash right here */
	WARN_ON(ctx->magic != T_MAGIC);
	return ctx;
}

static int t_live_find(struct t_ctx *ctx, const void *ptr, size_t size)
{
	unsigned int i;

	for (i = 0; i < ctx->nr_live; i++)
		if (ptr >= ctx->live[i].ptr &&
		    ptr + size <= ctx->live[i].ptr + ctx->live[i].size)
			return i;
	return -1;
}

static int t_table_added(void *cookie, void *table, size_t size)
{
	struct t_ctx *ctx = t_cookie(cookie);
	struct kunit *test = ctx->test;

	if (++ctx->added_calls == ctx->fail_added_at)
		return ctx->fail_err ?: -ENOMEM;

	KUNIT_EXPECT_TRUE(test, size == T_LV2_SIZE ||
			  size == ctx->lv1_entries * sizeof(u32));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(virt_to_phys(table), size));
	if (size == T_LV2_SIZE)
		KUNIT_EXPECT_NULL(test, memchr_inv(table, 0, size));
	KUNIT_EXPECT_EQ(test, t_live_find(ctx, table, 1), -1);
	KUNIT_ASSERT_LT(test, ctx->nr_live, T_MAX_LIVE);
	ctx->live[ctx->nr_live++] = (struct t_table){ table, size };

	ctx->added++;
	if (size == T_LV2_SIZE)
		ctx->lv2_added++;
	t_event(ctx, T_EV_ADD, table, size, 0);
	return 0;
}

static void t_table_removed(void *cookie, void *table, size_t size)
{
	struct t_ctx *ctx = t_cookie(cookie);
	int i = t_live_find(ctx, table, size);

	KUNIT_EXPECT_GE(ctx->test, i, 0);
	if (i >= 0) {
		KUNIT_EXPECT_PTR_EQ(ctx->test, ctx->live[i].ptr, table);
		KUNIT_EXPECT_EQ(ctx->test, ctx->live[i].size, size);
		ctx->live[i] = ctx->live[--ctx->nr_live];
	}
	ctx->removed++;
	if (size == T_LV2_SIZE)
		ctx->lv2_removed++;
	ctx->last_removed = table;
	t_event(ctx, T_EV_REMOVE, table, size, 0);
}

static void t_sync(void *cookie, void *ptr, size_t size)
{
	struct t_ctx *ctx = t_cookie(cookie);

	KUNIT_EXPECT_TRUE(ctx->test, IS_ALIGNED((unsigned long)ptr, 4));
	KUNIT_EXPECT_TRUE(ctx->test, size && IS_ALIGNED(size, 4));
	KUNIT_EXPECT_GE_MSG(ctx->test, t_live_find(ctx, ptr, size), 0,
			    "sync of %zu bytes outside any live table", size);
	ctx->syncs++;
	t_event(ctx, T_EV_SYNC, ptr, size, 0);
}

static void t_flush_lv1(void *cookie, unsigned long iova)
{
	struct t_ctx *ctx = t_cookie(cookie);

	KUNIT_EXPECT_TRUE(ctx->test, IS_ALIGNED(iova, SZ_1M));
	KUNIT_EXPECT_LT(ctx->test, (u64)iova, BIT_ULL(ctx->cfg.ias));
	ctx->flushes++;
	t_event(ctx, T_EV_FLUSH, NULL, 0, iova);
}

static const struct exynos_pt_ops t_ops = {
	.table_added = t_table_added,
	.table_removed = t_table_removed,
	.sync = t_sync,
	.flush_lv1 = t_flush_lv1,
};

static void t_cleanup(void *data)
{
	struct t_ctx *ctx = data;

	exynos_pt_free(ctx->pt);
}

static struct t_ctx *t_ctx_init(struct kunit *test, unsigned int ias,
				unsigned int shift, enum exynos_pt_prot_fmt fmt,
				bool zero)
{
	struct t_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->magic = T_MAGIC;
	ctx->test = test;
	ctx->cfg = (struct exynos_pt_cfg){
		.ias = ias, .pte_shift = shift, .prot_fmt = fmt,
		.zero_lv2 = zero, .ops = &t_ops, .cookie = ctx,
	};
	if (ias > T_SECT_SHIFT && ias <= 36)
		ctx->lv1_entries = BIT(ias - T_SECT_SHIFT);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, t_cleanup, ctx),
			0);
	return ctx;
}

static __le32 *t_lv1(const struct t_ctx *ctx)
{
	return phys_to_virt(exynos_pt_base(ctx->pt));
}

static void t_reset(struct t_ctx *ctx)
{
	ctx->syncs = 0;
	ctx->flushes = 0;
	ctx->nr_events = 0;
	ctx->events_overflow = false;
}

static struct t_ctx *t_new(struct kunit *test, unsigned int ias,
			   unsigned int shift, enum exynos_pt_prot_fmt fmt,
			   bool zero)
{
	struct t_ctx *ctx;

	if (ias > BITS_PER_LONG)
		kunit_skip(test, "%u-bit IOVA needs a 64-bit kernel", ias);

	ctx = t_ctx_init(test, ias, shift, fmt, zero);
	ctx->pt = exynos_pt_alloc(&ctx->cfg, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->pt);
	if (zero)
		ctx->zero_link = le32_to_cpu(t_lv1(ctx)[0]);
	t_reset(ctx);
	return ctx;
}

/* Free the page table and check that no table leaked */
static void t_done(struct t_ctx *ctx)
{
	exynos_pt_free(ctx->pt);
	ctx->pt = NULL;
	KUNIT_EXPECT_EQ(ctx->test, ctx->added, ctx->removed);
	KUNIT_EXPECT_EQ(ctx->test, ctx->lv2_added, ctx->lv2_removed);
	KUNIT_EXPECT_EQ(ctx->test, ctx->nr_live, 0);
}

/* Geometries and encodings */

struct t_geom {
	const char *name;
	unsigned int ias;
	unsigned int shift;
	enum exynos_pt_prot_fmt fmt;
	bool zero;
};

static const struct t_geom t_geoms[] = {
	{ "ias32-shift0-v1", 32, 0, EXYNOS_PT_PROT_V1, false },
	{ "ias32-shift4-v5", 32, 4, EXYNOS_PT_PROT_V5, false },
	{ "ias36-shift0-v1", 36, 0, EXYNOS_PT_PROT_V1, false },
	{ "ias36-shift4-v5", 36, 4, EXYNOS_PT_PROT_V5, false },
	{ "ias32-shift0-v1-zero", 32, 0, EXYNOS_PT_PROT_V1, true },
	{ "ias36-shift4-v5-zero", 36, 4, EXYNOS_PT_PROT_V5, true },
};

KUNIT_ARRAY_PARAM_DESC(t_geoms, t_geoms, name);

static struct t_ctx *t_new_param(struct kunit *test)
{
	const struct t_geom *g = test->param_value;

	return t_new(test, g->ias, g->shift, g->fmt, g->zero);
}

static bool t_phys_is_64bit(void)
{
	return sizeof(phys_addr_t) > 4;
}

static u64 t_limit(const struct t_ctx *ctx)
{
	return BIT_ULL(ctx->cfg.ias);
}

/* An IOVA in the upper half, above 4 GiB with a 36-bit IOVA */
static unsigned long t_iova(const struct t_ctx *ctx)
{
	return BIT_ULL(ctx->cfg.ias - 1) + 18 * SZ_1M;
}

/* A physical address, above 4 GiB if the format and kernel allow it */
static phys_addr_t t_pa(const struct t_ctx *ctx)
{
	u64 pa = 0x9ab00000;

	if (ctx->cfg.pte_shift == 4 && t_phys_is_64bit())
		pa |= BIT_ULL(35);
	return pa;
}

/* Expected raw entries */

static u32 t_exp_prot(const struct t_ctx *ctx, int prot, bool lv1)
{
	u32 rw = (prot & IOMMU_READ ? 1 : 0) | (prot & IOMMU_WRITE ? 2 : 0);

	if (ctx->cfg.prot_fmt == EXYNOS_PT_PROT_V1) {
		if (prot & IOMMU_WRITE)
			return lv1 ? 0x400 : 0x10;
		return lv1 ? 0x8400 : 0x210;
	}
	return rw * (lv1 ? 0x10 : 0x4);
}

static u32 t_exp_sect(const struct t_ctx *ctx, u64 pa, int prot)
{
	return (u32)(pa >> ctx->cfg.pte_shift) | t_exp_prot(ctx, prot, true) |
	       T_LV1_SECT;
}

static u32 t_exp_large(const struct t_ctx *ctx, u64 pa, int prot)
{
	return (u32)(pa >> ctx->cfg.pte_shift) | t_exp_prot(ctx, prot, false) |
	       T_LV2_LARGE;
}

static u32 t_exp_small(const struct t_ctx *ctx, u64 pa, int prot)
{
	return (u32)(pa >> ctx->cfg.pte_shift) | t_exp_prot(ctx, prot, false) |
	       T_LV2_SMALL;
}

static u32 t_exp_link(const struct t_ctx *ctx, const void *table)
{
	return (u32)(virt_to_phys(table) >> ctx->cfg.pte_shift) | T_LV1_LINK;
}

/* Raw entries from the table memory */

static u32 t_lv1_ent(const struct t_ctx *ctx, u64 iova)
{
	return le32_to_cpu(t_lv1(ctx)[iova >> T_SECT_SHIFT]);
}

static bool t_lv1_invalid(const struct t_ctx *ctx, u32 ent)
{
	if (ctx->cfg.zero_lv2)
		return ent == ctx->zero_link;
	return T_TYPE(ent) == 0;
}

static __le32 *t_ent_table(const struct t_ctx *ctx, u32 ent)
{
	if (T_TYPE(ent) != T_LV1_LINK || (ctx->zero_link && ent == ctx->zero_link))
		return NULL;
	return phys_to_virt(((u64)ent << ctx->cfg.pte_shift) & ~(u64)(T_LV2_SIZE - 1));
}

static __le32 *t_lv2(const struct t_ctx *ctx, u64 iova)
{
	return t_ent_table(ctx, t_lv1_ent(ctx, iova));
}

static u32 t_lv2_ent(const struct t_ctx *ctx, u64 iova)
{
	__le32 *table = t_lv2(ctx, iova);

	KUNIT_ASSERT_NOT_NULL(ctx->test, table);
	return le32_to_cpu(table[(iova >> T_PAGE_SHIFT) % T_LV2_ENTRIES]);
}

static unsigned int t_lv2_count(const __le32 *table)
{
	unsigned int i, n = 0;

	for (i = 0; i < T_LV2_ENTRIES; i++)
		n += !!table[i];
	return n;
}

static unsigned int t_count(const struct t_ctx *ctx, enum t_event_type type)
{
	unsigned int i, n = 0;

	for (i = 0; i < ctx->nr_events; i++)
		n += ctx->events[i].type == type;
	return n;
}

static bool t_in_lv1(const struct t_ctx *ctx, const void *ptr)
{
	const void *lv1 = t_lv1(ctx);

	return ptr >= lv1 && ptr < lv1 + ctx->lv1_entries * sizeof(u32);
}

static unsigned int t_count_lv1_syncs(const struct t_ctx *ctx)
{
	unsigned int i, n = 0;

	for (i = 0; i < ctx->nr_events; i++)
		n += ctx->events[i].type == T_EV_SYNC &&
		     t_in_lv1(ctx, ctx->events[i].ptr);
	return n;
}

/* Snapshots of all tables */

struct t_snap {
	unsigned int n;
	u32 *lv1;
	unsigned int nr_tables;
	unsigned int *idx;
	u32 (*lv2)[T_LV2_ENTRIES];
};

static struct t_snap *t_snap(struct t_ctx *ctx)
{
	struct kunit *test = ctx->test;
	struct t_snap *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	unsigned int i, j, k;
	__le32 *table;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->n = ctx->lv1_entries;
	s->lv1 = kunit_kmalloc_array(test, s->n, sizeof(u32), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->lv1);
	for (i = 0; i < s->n; i++) {
		s->lv1[i] = le32_to_cpu(t_lv1(ctx)[i]);
		s->nr_tables += !!t_ent_table(ctx, s->lv1[i]);
	}
	s->idx = kunit_kmalloc_array(test, s->nr_tables + 1, sizeof(*s->idx),
				     GFP_KERNEL);
	s->lv2 = kunit_kmalloc_array(test, s->nr_tables + 1, sizeof(*s->lv2),
				     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->idx);
	KUNIT_ASSERT_NOT_NULL(test, s->lv2);
	for (i = 0, j = 0; i < s->n; i++) {
		table = t_ent_table(ctx, s->lv1[i]);
		if (!table)
			continue;
		s->idx[j] = i;
		for (k = 0; k < T_LV2_ENTRIES; k++)
			s->lv2[j][k] = le32_to_cpu(table[k]);
		j++;
	}
	return s;
}

/* The leaf entries of level-1 entry @i: NULL if it is not a table */
static const u32 *t_snap_leaves(const struct t_snap *s, unsigned int i,
				unsigned int *cursor)
{
	while (*cursor < s->nr_tables && s->idx[*cursor] < i)
		(*cursor)++;
	if (*cursor < s->nr_tables && s->idx[*cursor] == i)
		return s->lv2[*cursor];
	return NULL;
}

/*
 * First level-1 index where @a and @b differ, or -1. Exactly: every entry of
 * every table. Mapping-wise: the same sections and leaf entries, an invalid
 * level-1 entry and an empty level-2 table being the same.
 */
static int t_snap_diff(const struct t_ctx *ctx, const struct t_snap *a,
		       const struct t_snap *b, bool exact)
{
	static const u32 zeros[T_LV2_ENTRIES];
	unsigned int i, ca = 0, cb = 0;
	const u32 *la, *lb;

	for (i = 0; i < a->n; i++) {
		la = t_snap_leaves(a, i, &ca);
		lb = t_snap_leaves(b, i, &cb);
		if (exact || T_TYPE(a->lv1[i]) == T_LV1_SECT ||
		    T_TYPE(b->lv1[i]) == T_LV1_SECT) {
			if (a->lv1[i] != b->lv1[i])
				return i;
		}
		if (memcmp(la ?: zeros, lb ?: zeros, sizeof(zeros)))
			return i;
	}
	return -1;
}

static void t_expect_unchanged(struct t_ctx *ctx, const struct t_snap *before,
			       bool exact)
{
	KUNIT_EXPECT_EQ(ctx->test, t_snap_diff(ctx, before, t_snap(ctx), exact),
			-1);
}

/* Map and expect success */
static void t_map(struct t_ctx *ctx, u64 iova, u64 pa, size_t pgsize,
		  size_t count, int prot)
{
	size_t mapped = 1;

	KUNIT_ASSERT_EQ_MSG(ctx->test,
			    exynos_pt_map(ctx->pt, iova, pa, pgsize, count, prot,
					  GFP_KERNEL, &mapped), 0,
			    "map %#llx -> %#llx, %zu x %zu", iova, pa, count,
			    pgsize);
	KUNIT_ASSERT_EQ(ctx->test, mapped, pgsize * count);
}

/* Map, expect @err and nothing mapped */
static void t_map_err(struct t_ctx *ctx, u64 iova, u64 pa, size_t pgsize,
		      size_t count, int prot, int err)
{
	size_t mapped = 1;

	KUNIT_EXPECT_EQ_MSG(ctx->test,
			    exynos_pt_map(ctx->pt, iova, pa, pgsize, count, prot,
					  GFP_KERNEL, &mapped), err,
			    "map %#llx -> %#llx, %zu x %zu", iova, pa, count,
			    pgsize);
	KUNIT_EXPECT_EQ(ctx->test, mapped, 0);
}

static size_t t_unmap(struct t_ctx *ctx, u64 iova, size_t pgsize,
		      size_t count)
{
	return exynos_pt_unmap(ctx->pt, iova, pgsize, count);
}

static u64 t_phys(struct t_ctx *ctx, u64 iova)
{
	return exynos_pt_iova_to_phys(ctx->pt, iova);
}

/* Allocation */

static void t_alloc_geometry(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	size_t size = ctx->lv1_entries * sizeof(u32);
	__le32 *lv1 = t_lv1(ctx);
	unsigned int i;

	KUNIT_EXPECT_EQ(test, exynos_pt_iova_limit(ctx->pt), t_limit(ctx));
	KUNIT_EXPECT_EQ(test, size, ctx->cfg.ias == 32 ? SZ_16K : SZ_256K);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(exynos_pt_base(ctx->pt), size));
	KUNIT_EXPECT_GE(test, t_live_find(ctx, lv1, size), 0);
	KUNIT_EXPECT_EQ(test, ctx->added, ctx->cfg.zero_lv2 ? 2 : 1);
	KUNIT_EXPECT_EQ(test, ctx->lv2_added, ctx->cfg.zero_lv2 ? 1 : 0);

	if (!ctx->cfg.zero_lv2) {
		KUNIT_EXPECT_NULL(test, memchr_inv(lv1, 0, size));
	} else {
		KUNIT_EXPECT_EQ(test, T_TYPE(ctx->zero_link), T_LV1_LINK);
		for (i = 0; i < ctx->lv1_entries; i++)
			if (le32_to_cpu(lv1[i]) != ctx->zero_link)
				break;
		KUNIT_EXPECT_EQ(test, i, ctx->lv1_entries);
		KUNIT_EXPECT_NULL(test, memchr_inv(phys_to_virt(((u64)ctx->zero_link
				<< ctx->cfg.pte_shift) & ~(u64)(T_LV2_SIZE - 1)),
				0, T_LV2_SIZE));
	}
	t_done(ctx);
}

static void t_alloc_syncs_tables(struct kunit *test)
{
	struct t_ctx *ctx = t_ctx_init(test, 32, 0, EXYNOS_PT_PROT_V1, true);
	size_t size = SZ_16K;
	unsigned int i;
	bool lv1_synced = false;

	ctx->pt = exynos_pt_alloc(&ctx->cfg, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->pt);
	KUNIT_ASSERT_FALSE(test, ctx->events_overflow);
	/* each table is passed to table_added, then synced whole */
	for (i = 0; i + 1 < ctx->nr_events; i++) {
		if (ctx->events[i].type != T_EV_ADD)
			continue;
		KUNIT_EXPECT_EQ(test, ctx->events[i + 1].type, T_EV_SYNC);
		KUNIT_EXPECT_PTR_EQ(test, ctx->events[i + 1].ptr,
				    ctx->events[i].ptr);
		KUNIT_EXPECT_EQ(test, ctx->events[i + 1].size,
				ctx->events[i].size);
		if (ctx->events[i].ptr == t_lv1(ctx)) {
			KUNIT_EXPECT_EQ(test, ctx->events[i].size, size);
			lv1_synced = true;
		}
	}
	KUNIT_EXPECT_TRUE(test, lv1_synced);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 2);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_FLUSH), 0);
	t_done(ctx);
}

static void t_alloc_rejects_bad_cfg(struct kunit *test)
{
	static const struct {
		unsigned int ias, shift;
		enum exynos_pt_prot_fmt fmt;
	} bad[] = {
		{ 0, 0, EXYNOS_PT_PROT_V1 },
		{ 31, 0, EXYNOS_PT_PROT_V1 },
		{ 33, 0, EXYNOS_PT_PROT_V1 },
		{ 40, 4, EXYNOS_PT_PROT_V5 },
		{ 64, 4, EXYNOS_PT_PROT_V5 },
		{ 32, 1, EXYNOS_PT_PROT_V5 },
		{ 32, 8, EXYNOS_PT_PROT_V5 },
		{ 32, 4, EXYNOS_PT_PROT_V1 },
		{ 32, 0, (enum exynos_pt_prot_fmt)7 },
	};
	struct t_ctx *ctx;
	unsigned int i;

	KUNIT_EXPECT_NULL(test, exynos_pt_alloc(NULL, GFP_KERNEL));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ctx = t_ctx_init(test, bad[i].ias, bad[i].shift, bad[i].fmt,
				 i & 1);
		ctx->pt = exynos_pt_alloc(&ctx->cfg, GFP_KERNEL);
		KUNIT_EXPECT_NULL_MSG(test, ctx->pt, "cfg %u", i);
		KUNIT_EXPECT_EQ(test, ctx->added_calls, 0);
	}
}

static void t_alloc_ias36_needs_64bit(struct kunit *test)
{
	struct t_ctx *ctx = t_ctx_init(test, 36, 4, EXYNOS_PT_PROT_V5, false);

	ctx->pt = exynos_pt_alloc(&ctx->cfg, GFP_KERNEL);
	if (BITS_PER_LONG == 32) {
		KUNIT_EXPECT_NULL(test, ctx->pt);
		KUNIT_EXPECT_EQ(test, ctx->added_calls, 0);
		return;
	}
	KUNIT_ASSERT_NOT_NULL(test, ctx->pt);
	KUNIT_EXPECT_EQ(test, exynos_pt_iova_limit(ctx->pt), BIT_ULL(36));
	KUNIT_EXPECT_EQ(test, ctx->live[0].size, SZ_256K);
	t_done(ctx);
}

static void t_alloc_table_added_fails(struct kunit *test)
{
	unsigned int at, zero;
	struct t_ctx *ctx;

	for (zero = 0; zero < 2; zero++) {
		for (at = 1; at <= 1 + zero; at++) {
			ctx = t_ctx_init(test, 32, 0, EXYNOS_PT_PROT_V1, zero);
			ctx->fail_added_at = at;
			ctx->pt = exynos_pt_alloc(&ctx->cfg, GFP_KERNEL);
			KUNIT_EXPECT_NULL(test, ctx->pt);
			KUNIT_EXPECT_EQ(test, ctx->added_calls, at);
			KUNIT_EXPECT_EQ(test, ctx->added, ctx->removed);
			KUNIT_EXPECT_EQ(test, ctx->nr_live, 0);
		}
	}
}

static void t_free_null(struct kunit *test)
{
	exynos_pt_free(NULL);
}

static void t_base_is_lv1(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);

	KUNIT_EXPECT_EQ(test, exynos_pt_base(ctx->pt),
			virt_to_phys(ctx->live[0].ptr));
	KUNIT_EXPECT_EQ(test, ctx->live[0].size, SZ_16K);
	t_map(ctx, SZ_1M, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(((__le32 *)ctx->live[0].ptr)[1]),
			0x04000032);
	t_done(ctx);
}

static void t_null_ops(struct kunit *test)
{
	static const struct exynos_pt_ops empty_ops = { };
	struct exynos_pt_cfg cfg = {
		.ias = 32, .pte_shift = 0, .prot_fmt = EXYNOS_PT_PROT_V1,
	};
	struct exynos_pt *pt;
	unsigned int i;
	size_t mapped;

	for (i = 0; i < 4; i++) {
		cfg.ops = i & 1 ? &empty_ops : NULL;
		cfg.zero_lv2 = i & 2;
		pt = exynos_pt_alloc(&cfg, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, pt);
		KUNIT_EXPECT_EQ(test, exynos_pt_map(pt, SZ_4M, 0x40000000, SZ_4K,
						    600, T_RW, GFP_KERNEL,
						    &mapped), 0);
		KUNIT_EXPECT_EQ(test, exynos_pt_map(pt, SZ_16M, 0x50000000,
						    SZ_1M, 2, T_RW, GFP_KERNEL,
						    NULL), 0);
		KUNIT_EXPECT_EQ(test, exynos_pt_iova_to_phys(pt, SZ_4M + 0x1234),
				0x40001234);
		KUNIT_EXPECT_EQ(test, exynos_pt_unmap(pt, SZ_4M, SZ_4K, 600),
				600 * SZ_4K);
		KUNIT_EXPECT_EQ(test, exynos_pt_unmap(pt, SZ_16M, SZ_1M, 2),
				SZ_2M);
		exynos_pt_free(pt);
	}
}

static void t_two_tables_independent(struct kunit *test)
{
	struct t_ctx *a = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);
	struct t_ctx *b = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);

	t_map(a, SZ_1M, 0x40000000, SZ_4K, 1, T_RW);
	t_map(b, SZ_1M, 0x50000000, SZ_4K, 1, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, t_phys(a, SZ_1M), 0x40000000);
	KUNIT_EXPECT_EQ(test, t_phys(b, SZ_1M), 0x50000000);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(a, SZ_1M), 0x40000012);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(b, SZ_1M), 0x05000006);
	KUNIT_EXPECT_EQ(test, t_unmap(a, SZ_1M, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, t_phys(b, SZ_1M), 0x50000000);
	t_done(a);
	t_done(b);
}

/* Entry encodings */

static void t_small_page_raw(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx) + 5 * SZ_4K, pa = t_pa(ctx) + 7 * SZ_4K;
	__le32 *table;

	t_map(ctx, iova, pa, SZ_4K, 1, T_RW);
	table = t_lv2(ctx, iova);
	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_EXPECT_GE(test, t_live_find(ctx, table, T_LV2_SIZE), 0);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova), t_exp_link(ctx, table));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[5]), t_exp_small(ctx, pa, T_RW));
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 1);
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, t_lv1_ent(ctx, iova - SZ_1M)));
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, t_lv1_ent(ctx, iova + SZ_1M)));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), pa);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_4K), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova - 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[5]), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), 0);
	t_done(ctx);
}

static void t_large_page_raw(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx) + 3 * SZ_64K, pa = t_pa(ctx) + 5 * SZ_64K;
	__le32 *table;
	unsigned int i;

	t_map(ctx, iova, pa, SZ_64K, 1, T_RW);
	table = t_lv2(ctx, iova);
	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova), t_exp_link(ctx, table));
	for (i = 48; i < 64; i++)
		KUNIT_EXPECT_EQ(test, le32_to_cpu(table[i]),
				t_exp_large(ctx, pa, T_RW));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[47]), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[64]), 0);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 16);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0xabcd), pa + 0xabcd);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 0);
	t_done(ctx);
}

static void t_section_raw(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova), t_exp_sect(ctx, pa, T_RW));
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, t_lv1_ent(ctx, iova - SZ_1M)));
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, t_lv1_ent(ctx, iova + SZ_1M)));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0xfffff), pa + 0xfffff);
	KUNIT_EXPECT_EQ(test, ctx->lv2_added, ctx->cfg.zero_lv2 ? 1 : 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, t_lv1_ent(ctx, iova)));
	t_done(ctx);
}

/* Exact raw values, written out by hand */
static void t_literal_v1(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);

	t_map(ctx, 0x00100000, 0x40100000, SZ_1M, 1, T_RW);
	t_map(ctx, 0x00200000, 0x40200000, SZ_1M, 1, IOMMU_READ);
	t_map(ctx, 0x00300000, 0x40300000, SZ_1M, 1, IOMMU_WRITE);
	t_map(ctx, 0x00400000, 0x40123000, SZ_4K, 1, T_RW);
	t_map(ctx, 0x00401000, 0x40124000, SZ_4K, 1, IOMMU_READ);
	t_map(ctx, 0x00410000, 0x40120000, SZ_64K, 1, T_RW);
	t_map(ctx, 0x00420000, 0x40130000, SZ_64K, 1, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00100000), 0x40100402);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00200000), 0x40208402);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00300000), 0x40300402);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00400000), 0x40123012);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00401000), 0x40124212);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x0041f000), 0x40120011);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00420000), 0x40130211);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00400000) & 0x3ff, 1);
	t_done(ctx);
}

static void t_literal_v5(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);
	u64 hi = t_phys_is_64bit() ? BIT_ULL(35) : 0;
	u32 h = hi >> 4;

	t_map(ctx, 0x00100000, hi | 0x40100000, SZ_1M, 1, T_RW);
	t_map(ctx, 0x00200000, hi | 0x40200000, SZ_1M, 1, IOMMU_READ);
	t_map(ctx, 0x00300000, hi | 0x40300000, SZ_1M, 1, IOMMU_WRITE);
	t_map(ctx, 0x00400000, hi | 0x40123000, SZ_4K, 1, T_RW);
	t_map(ctx, 0x00401000, hi | 0x40124000, SZ_4K, 1, IOMMU_READ);
	t_map(ctx, 0x00402000, hi | 0x40125000, SZ_4K, 1, IOMMU_WRITE);
	t_map(ctx, 0x00410000, hi | 0x40120000, SZ_64K, 1, T_RW);
	t_map(ctx, 0x00420000, hi | 0x40130000, SZ_64K, 1, IOMMU_WRITE);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00100000), h | 0x04010032);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00200000), h | 0x04020012);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00300000), h | 0x04030022);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00400000), h | 0x0401230e);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00401000), h | 0x04012406);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00402000), h | 0x0401250a);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x00410000), h | 0x0401200d);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0x0042f000), h | 0x04013009);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0x00400000) & 0x3f, 1);
	t_done(ctx);
}

static const int t_prots[] = { IOMMU_READ, IOMMU_WRITE, T_RW };

static void t_prot_check(struct kunit *test, unsigned int shift,
			 enum exynos_pt_prot_fmt fmt, const u32 *sect,
			 const u32 *lv2, u32 lv1_mask, u32 lv2_mask)
{
	struct t_ctx *ctx = t_new(test, 32, shift, fmt, false);
	unsigned int i;
	u64 iova;

	for (i = 0; i < ARRAY_SIZE(t_prots); i++) {
		iova = (u64)(i + 1) * SZ_16M;
		t_map(ctx, iova, 0x40000000, SZ_1M, 1, t_prots[i]);
		t_map(ctx, iova + SZ_1M, 0x40000000, SZ_4K, 1, t_prots[i]);
		t_map(ctx, iova + SZ_1M + SZ_64K, 0x40000000, SZ_64K, 1,
		      t_prots[i]);
		/* the permission bits alone, without address and type */
		KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova) & lv1_mask & ~3,
				sect[i]);
		KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, iova + SZ_1M) & lv2_mask & ~3,
				lv2[i]);
		KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, iova + SZ_1M + SZ_64K) &
				lv2_mask & ~3, lv2[i]);
	}
	t_done(ctx);
}

static void t_prot_v1(struct kunit *test)
{
	/* read-only sets both bits; write-only is read/write */
	static const u32 sect[] = { 0x8400, 0x0400, 0x0400 };
	static const u32 lv2[] = { 0x210, 0x010, 0x010 };

	t_prot_check(test, 0, EXYNOS_PT_PROT_V1, sect, lv2, 0xfffff,
		     0xfff);
}

static void t_prot_v5(struct kunit *test)
{
	static const u32 sect[] = { 0x10, 0x20, 0x30 };
	static const u32 lv2[] = { 0x4, 0x8, 0xc };

	t_prot_check(test, 4, EXYNOS_PT_PROT_V5, sect, lv2, 0xffff, 0xff);
}

static void t_prot_v5_shift0(struct kunit *test)
{
	static const u32 sect[] = { 0x10, 0x20, 0x30 };
	static const u32 lv2[] = { 0x4, 0x8, 0xc };

	t_prot_check(test, 0, EXYNOS_PT_PROT_V5, sect, lv2, 0xfffff, 0xfff);
}

static void t_prot_none_rejected(struct kunit *test)
{
	static const int none[] = { 0, IOMMU_CACHE, IOMMU_NOEXEC | IOMMU_MMIO,
				    IOMMU_PRIV };
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	struct t_ctx *ctx = t_new_param(test);
	struct t_snap *before;
	unsigned int i, j;

	t_map(ctx, t_iova(ctx) + SZ_1M, t_pa(ctx), SZ_4K, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	for (i = 0; i < ARRAY_SIZE(none); i++)
		for (j = 0; j < ARRAY_SIZE(sizes); j++)
			t_map_err(ctx, t_iova(ctx), t_pa(ctx), sizes[j], 2,
				  none[i], -EINVAL);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_prot_other_flags_ignored(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	int extra = IOMMU_CACHE | IOMMU_NOEXEC | IOMMU_MMIO | IOMMU_PRIV;
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_1M, 1, IOMMU_READ | extra);
	t_map(ctx, iova + SZ_1M, pa, SZ_4K, 1, T_RW | extra);
	t_map(ctx, iova + SZ_1M + SZ_64K, pa, SZ_64K, 1, IOMMU_WRITE | extra);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova),
			t_exp_sect(ctx, pa, IOMMU_READ));
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, iova + SZ_1M),
			t_exp_small(ctx, pa, T_RW));
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, iova + SZ_1M + SZ_64K),
			t_exp_large(ctx, pa, IOMMU_WRITE));
	t_done(ctx);
}

/* iova_to_phys */

static void t_iova_to_phys_offsets(struct kunit *test)
{
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	struct t_ctx *ctx = t_new_param(test);
	u64 iova, pa, off;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		iova = t_iova(ctx) + i * SZ_2M;
		pa = t_pa(ctx) + i * SZ_4M;
		t_map(ctx, iova, pa, sizes[i], 2, IOMMU_READ);
		for (off = 0; off < 2 * sizes[i]; off += sizes[i] / 4 - 1)
			KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + off), pa + off);
		KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 2 * sizes[i] - 1),
				pa + 2 * sizes[i] - 1);
		KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 2 * sizes[i]), 0);
	}
	t_done(ctx);
}

static void t_iova_to_phys_unmapped(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 limit = t_limit(ctx);

	KUNIT_EXPECT_EQ(test, t_phys(ctx, 0), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, limit - 1), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, t_iova(ctx)), 0);
	if (limit - 1 < ULONG_MAX) {
		t_map(ctx, limit - SZ_1M, t_pa(ctx), SZ_1M, 1, T_RW);
		KUNIT_EXPECT_EQ(test, t_phys(ctx, limit), 0);
		KUNIT_EXPECT_EQ(test, t_phys(ctx, limit + SZ_1M - 1), 0);
	}
	/* the neighbours of a page, in the same table */
	t_map(ctx, t_iova(ctx) + SZ_64K, t_pa(ctx), SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, t_iova(ctx) + SZ_64K - 1), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, t_iova(ctx) + SZ_64K + SZ_4K), 0);
	t_done(ctx);
}

/* Layout */

static void t_mixed_sizes_one_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	__le32 *table;
	unsigned int i;

	t_map(ctx, iova, pa, SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_64K, pa + SZ_1M, SZ_64K, 2, IOMMU_READ);
	t_map(ctx, iova + 3 * SZ_64K, pa + SZ_2M, SZ_4K, 3, IOMMU_WRITE);
	t_map(ctx, iova + SZ_1M - SZ_4K, pa + SZ_4M, SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_1M, pa + SZ_8M, SZ_1M, 1, T_RW);
	t_map(ctx, iova + SZ_2M, pa + SZ_16M, SZ_64K, 1, T_RW);

	KUNIT_EXPECT_EQ(test, ctx->lv2_added - !!ctx->cfg.zero_lv2, 2);
	table = t_lv2(ctx, iova);
	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 1 + 32 + 3 + 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[0]), t_exp_small(ctx, pa, T_RW));
	for (i = 16; i < 48; i++)
		KUNIT_EXPECT_EQ(test, le32_to_cpu(table[i]),
				t_exp_large(ctx, pa + SZ_1M + (i / 16 - 1) * SZ_64K,
					    IOMMU_READ));
	for (i = 48; i < 51; i++)
		KUNIT_EXPECT_EQ(test, le32_to_cpu(table[i]),
				t_exp_small(ctx, pa + SZ_2M + (i - 48) * SZ_4K,
					    IOMMU_WRITE));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[255]),
			t_exp_small(ctx, pa + SZ_4M, T_RW));
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova + SZ_1M),
			t_exp_sect(ctx, pa + SZ_8M, T_RW));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0x2f123), pa + SZ_1M + 0x1f123);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0x32123), pa + SZ_2M + 0x2123);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0x33000), 0);

	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_64K, SZ_64K, 2), SZ_128K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + 3 * SZ_64K, SZ_4K, 3),
			3 * SZ_4K);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 2);
	t_done(ctx);
}

static void t_shared_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx);
	__le32 *table;

	t_map(ctx, iova, t_pa(ctx), SZ_4K, 1, T_RW);
	table = t_lv2(ctx, iova);
	t_reset(ctx);
	t_map(ctx, iova + SZ_512K, t_pa(ctx), SZ_64K, 1, T_RW);
	KUNIT_EXPECT_PTR_EQ(test, t_lv2(ctx, iova), table);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 0);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_FLUSH), 0);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_EQ(test, ctx->events[0].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr, (void *)(table + 128));
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 16 * sizeof(u32));
	t_done(ctx);
}

/* A section over a level-2 table */

static void t_section_replaces_empty_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx);
	unsigned int removed;
	__le32 *table;

	t_map(ctx, iova + SZ_4K, t_pa(ctx), SZ_4K, 2, T_RW);
	table = t_lv2(ctx, iova);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_4K, SZ_4K, 2), SZ_8K);
	/* the empty table stays linked */
	KUNIT_EXPECT_PTR_EQ(test, t_lv2(ctx, iova), table);
	removed = ctx->lv2_removed;

	t_reset(ctx);
	t_map(ctx, iova, t_pa(ctx), SZ_1M, 1, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova),
			t_exp_sect(ctx, t_pa(ctx), IOMMU_READ));
	KUNIT_EXPECT_EQ(test, ctx->lv2_removed, removed + 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx->last_removed, (void *)table);
	/* sync of the entry, flush, then the table goes */
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 3);
	KUNIT_EXPECT_EQ(test, ctx->events[0].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr,
			    (void *)(t_lv1(ctx) + (iova >> T_SECT_SHIFT)));
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 4);
	KUNIT_EXPECT_EQ(test, ctx->events[1].type, T_EV_FLUSH);
	KUNIT_EXPECT_EQ(test, ctx->events[1].iova, iova);
	KUNIT_EXPECT_EQ(test, ctx->events[2].type, T_EV_REMOVE);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0x5678), t_pa(ctx) + 0x5678);
	t_done(ctx);
}

static void t_section_refuses_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx);
	struct t_snap *before;

	t_map(ctx, iova + SZ_1M - SZ_4K, t_pa(ctx), SZ_4K, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	t_map_err(ctx, iova, t_pa(ctx), SZ_1M, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova - SZ_1M, t_pa(ctx), SZ_1M, 3, T_RW, -EEXIST);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_section_run_refuses_one_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);
	struct t_snap *before;

	/* empty tables at 1 and 2 MiB, a mapped page at 3 MiB */
	t_map(ctx, SZ_1M, 0x40000000, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_2M, 0x40000000, SZ_4K, 1, T_RW);
	t_map(ctx, 3 * SZ_1M + SZ_64K, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_1M, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_2M, SZ_4K, 1), SZ_4K);
	before = t_snap(ctx);
	t_reset(ctx);
	t_map_err(ctx, 0, 0x50000000, SZ_1M, 5, T_RW, -EEXIST);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_section_replaces_many_tables(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, true);
	unsigned int i, removed;

	for (i = 0; i < 20; i++)
		t_map(ctx, (u64)(32 + i) * SZ_1M + i * SZ_4K, 0x40000000, SZ_4K,
		      1, T_RW);
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, (u64)(32 + i) * SZ_1M +
					      i * SZ_4K, SZ_4K, 1), SZ_4K);
	removed = ctx->lv2_removed;
	t_reset(ctx);
	t_map(ctx, 30 * SZ_1M, 0x60000000, SZ_1M, 24, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->lv2_removed, removed + 20);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_FLUSH), 24);
	/* runs end after 16 replaced tables: 30..47, then 48..53 */
	KUNIT_EXPECT_EQ(test, t_count_lv1_syncs(ctx), 2);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_SYNC), 2);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 18 * sizeof(u32));
	for (i = 0; i < 24; i++)
		KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, (u64)(30 + i) * SZ_1M),
				t_exp_sect(ctx, 0x60000000 + (u64)i * SZ_1M,
					   T_RW));
	t_done(ctx);
}

/* Boundaries */

static void t_first_iova(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 pa = t_pa(ctx);

	t_map(ctx, 0, pa, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_64K, pa + SZ_64K, SZ_64K, 1, T_RW);
	t_map(ctx, SZ_1M, pa + SZ_1M, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, 0), t_exp_small(ctx, pa, T_RW));
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, SZ_64K),
			t_exp_large(ctx, pa + SZ_64K, T_RW));
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, SZ_1M),
			t_exp_sect(ctx, pa + SZ_1M, T_RW));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, 0), pa);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_2M - 1), pa + SZ_2M - 1);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_4K, 1), 0);
	t_done(ctx);
}

static void t_last_pages(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 limit = t_limit(ctx), pa = t_pa(ctx);
	__le32 *lv1 = t_lv1(ctx);
	__le32 *table;

	t_map(ctx, limit - SZ_4K, pa, SZ_4K, 1, T_RW);
	t_map(ctx, limit - SZ_128K, pa + SZ_1M, SZ_64K, 1, T_RW);
	table = t_lv2(ctx, limit - 1);
	KUNIT_ASSERT_NOT_NULL(test, table);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(lv1[ctx->lv1_entries - 1]),
			t_exp_link(ctx, table));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[255]),
			t_exp_small(ctx, pa, T_RW));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[224]),
			t_exp_large(ctx, pa + SZ_1M, T_RW));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, limit - 1), pa + SZ_4K - 1);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, limit - SZ_64K - 1),
			pa + SZ_1M + SZ_64K - 1);
	t_map_err(ctx, limit - SZ_8K, pa, SZ_4K, 2, T_RW, -EEXIST);
	t_map_err(ctx, limit - SZ_4K, pa, SZ_4K, 2, T_RW, -EINVAL);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit - SZ_4K, SZ_4K, 2), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit - SZ_4K, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit - SZ_128K, SZ_64K, 2), SZ_64K);
	t_done(ctx);
}

static void t_last_section(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 limit = t_limit(ctx), pa = t_pa(ctx);
	__le32 *lv1 = t_lv1(ctx);

	t_map(ctx, limit - SZ_2M, pa, SZ_1M, 2, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(lv1[ctx->lv1_entries - 1]),
			t_exp_sect(ctx, pa + SZ_1M, IOMMU_READ));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(lv1[ctx->lv1_entries - 2]),
			t_exp_sect(ctx, pa, IOMMU_READ));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, limit - 1), pa + SZ_2M - 1);
	t_map_err(ctx, limit - SZ_1M, pa, SZ_1M, 2, T_RW, -EINVAL);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit - SZ_2M, SZ_1M, 2), SZ_2M);
	KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx,
					      le32_to_cpu(lv1[ctx->lv1_entries - 1])));
	t_done(ctx);
}

static void t_beyond_limit(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 limit = t_limit(ctx), pa = t_pa(ctx);
	struct t_snap *before = t_snap(ctx);

	t_map_err(ctx, limit - SZ_1M, pa, SZ_4K, 257, T_RW, -EINVAL);
	t_map_err(ctx, limit - SZ_1M, pa, SZ_64K, 17, T_RW, -EINVAL);
	t_map_err(ctx, limit - SZ_4M, pa, SZ_1M, 5, T_RW, -EINVAL);
	t_map_err(ctx, 0, pa, SZ_1M, (limit >> T_SECT_SHIFT) + 1, T_RW,
		  -EINVAL);
	t_map_err(ctx, SZ_1M, pa, SZ_1M, SIZE_MAX, T_RW, -EINVAL);
	t_map_err(ctx, SZ_4K, pa, SZ_4K, SIZE_MAX / SZ_4K + 1, T_RW, -EINVAL);
	if (limit - 1 < ULONG_MAX) {
		t_map_err(ctx, limit, pa, SZ_4K, 1, T_RW, -EINVAL);
		t_map_err(ctx, limit + SZ_1M, pa, SZ_1M, 1, T_RW, -EINVAL);
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit, SZ_4K, 1), 0);
	}
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, limit - SZ_1M, SZ_1M, 2), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_1M, SIZE_MAX), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

/* Physical addresses */

static void t_pa_36bit_shift4(struct kunit *test)
{
	struct t_ctx *ctx;
	u64 top = BIT_ULL(36);

	if (!t_phys_is_64bit())
		kunit_skip(test, "needs a 64-bit phys_addr_t");
	ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);
	t_map(ctx, 0, top - SZ_1M, SZ_1M, 1, T_RW);
	t_map(ctx, SZ_1M, top - SZ_4K, SZ_4K, 1, IOMMU_READ);
	t_map(ctx, SZ_1M + SZ_64K, 0x812340000ULL, SZ_64K, 1, IOMMU_WRITE);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0), 0xffff0032);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, SZ_1M), 0xffffff06);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, SZ_1M + SZ_64K), 0x81234009);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, 0x12345), top - SZ_1M + 0x12345);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_1M + 0xfff), top - 1);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_1M + SZ_64K + 0xffff),
			0x81234ffffULL);
	t_map_err(ctx, SZ_2M, top, SZ_4K, 1, T_RW, -ERANGE);
	t_map_err(ctx, SZ_2M, top - SZ_4K, SZ_4K, 2, T_RW, -ERANGE);
	t_done(ctx);
}

static void t_pa_36bit_shift0_rejected(struct kunit *test)
{
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	struct t_snap *before;
	struct t_ctx *ctx;
	unsigned int i;

	if (!t_phys_is_64bit())
		kunit_skip(test, "needs a 64-bit phys_addr_t");
	ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);
	before = t_snap(ctx);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		t_map_err(ctx, SZ_16M, BIT_ULL(32), sizes[i], 1, T_RW, -ERANGE);
		t_map_err(ctx, SZ_16M, BIT_ULL(35) + sizes[i], sizes[i], 1,
			  T_RW, -ERANGE);
	}
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_pa_top_of_32bit(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);
	struct t_snap *before;

	t_map(ctx, 0, 0xfff00000, SZ_1M, 1, T_RW);
	t_map(ctx, SZ_1M, 0xfffff000, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_1M + SZ_64K, 0xffff0000, SZ_64K, 1, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, 0), 0xfff00402);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, SZ_1M), 0xfffff012);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, SZ_1M + SZ_64K), 0xffff0211);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_1M + 0xfff), 0xffffffff);
	before = t_snap(ctx);
	/* runs that would wrap past 4 GiB */
	t_map_err(ctx, SZ_2M, 0xffff0000, SZ_4K, 17, T_RW, -ERANGE);
	t_map_err(ctx, SZ_2M, 0xfff00000, SZ_64K, 17, T_RW, -ERANGE);
	t_map_err(ctx, SZ_4M, 0xfff00000, SZ_1M, 2, T_RW, -ERANGE);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

/* Request validation */

static void t_bad_pgsize(struct kunit *test)
{
	static const size_t bad[] = { 0, 1, SZ_2K, SZ_8K, SZ_32K, SZ_128K,
				      SZ_512K, SZ_2M, SZ_16M,
				      SZ_4K | SZ_64K, SZ_4K | SZ_1M };
	struct t_ctx *ctx = t_new_param(test);
	struct t_snap *before;
	unsigned int i;

	t_map(ctx, 0, 0, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_16M, 0, SZ_1M, 2, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		t_map_err(ctx, SZ_32M, 0, bad[i], 1, T_RW, -EINVAL);
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, bad[i], 1), 0);
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_16M, bad[i], 1), 0);
	}
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_unaligned(struct kunit *test)
{
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M };
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;
	unsigned int i;
	size_t sz;

	t_map(ctx, iova, pa, SZ_1M, 1, T_RW);
	t_map(ctx, iova + SZ_1M, pa, SZ_4K, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		sz = sizes[i];
		t_map_err(ctx, iova + SZ_2M + sz / 2, pa, sz, 1, T_RW, -EINVAL);
		t_map_err(ctx, iova + SZ_2M + 1, pa, sz, 1, T_RW, -EINVAL);
		t_map_err(ctx, iova + SZ_2M, pa + sz / 2, sz, 1, T_RW, -EINVAL);
		t_map_err(ctx, iova + SZ_2M, pa + 0x10, sz, 1, T_RW, -EINVAL);
		if (sz > SZ_4K) {
			t_map_err(ctx, iova + SZ_2M + SZ_4K, pa, sz, 1, T_RW,
				  -EINVAL);
			t_map_err(ctx, iova + SZ_2M, pa + SZ_4K, sz, 1, T_RW,
				  -EINVAL);
		}
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + sz / 2, sz, 1), 0);
		KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_1M + 1, sz, 1), 0);
	}
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_zero_pgcount(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);

	t_map(ctx, 0, 0, SZ_4K, 1, T_RW);
	t_reset(ctx);
	t_map_err(ctx, SZ_1M, 0, SZ_4K, 0, T_RW, -EINVAL);
	t_map_err(ctx, SZ_1M, 0, SZ_1M, 0, T_RW, -EINVAL);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_4K, 0), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, 0), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, 0x10), 0x10);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_done(ctx);
}

/* Overlaps */

static void t_overlap_pages(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;

	t_map(ctx, iova + SZ_64K + SZ_8K, pa, SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_128K, pa, SZ_64K, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	t_map_err(ctx, iova + SZ_64K + SZ_8K, pa, SZ_4K, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_64K, pa, SZ_4K, 4, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_64K, pa, SZ_64K, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova, pa, SZ_64K, 3, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_128K + SZ_32K, pa, SZ_4K, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_128K - SZ_4K, pa, SZ_4K, 2, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_128K, pa, SZ_64K, 1, IOMMU_READ, -EEXIST);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	/* right next to them is free */
	t_map(ctx, iova + SZ_64K + SZ_4K, pa, SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_128K + SZ_64K, pa, SZ_4K, 1, T_RW);
	t_done(ctx);
}

static void t_overlap_sections(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;

	t_map(ctx, iova + SZ_2M, pa, SZ_1M, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	t_map_err(ctx, iova + SZ_2M, pa, SZ_1M, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova, pa, SZ_1M, 4, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_2M + SZ_512K, pa, SZ_4K, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_2M + SZ_512K, pa, SZ_64K, 1, T_RW, -EEXIST);
	t_map_err(ctx, iova + SZ_2M - SZ_4K, pa, SZ_4K, 2, T_RW, -EEXIST);
	t_map_err(ctx, iova, pa, SZ_4K, 3 * 256, T_RW, -EEXIST);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

/* The whole range is checked before a table is even allocated */
static void t_overlap_checked_first(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;
	unsigned int added;

	t_map(ctx, iova + SZ_4M - SZ_4K, pa, SZ_4K, 1, T_RW);
	before = t_snap(ctx);
	added = ctx->added;
	t_reset(ctx);
	t_map_err(ctx, iova, pa, SZ_4K, 1024, T_RW, -EEXIST);
	t_map_err(ctx, iova, pa, SZ_64K, 64, T_RW, -EEXIST);
	KUNIT_EXPECT_EQ(test, ctx->added, added);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), 0);
	t_done(ctx);
}

/* Unmap */

static void t_unmap_unmapped(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx);
	struct t_snap *before;

	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 3), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 2), 0);
	/* an existing, otherwise empty table */
	t_map(ctx, iova + SZ_512K, t_pa(ctx), SZ_4K, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 128), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 8), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	t_done(ctx);
}

static void t_unmap_stops_at_hole(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	__le32 *table;

	t_map(ctx, iova, pa, SZ_4K, 3, T_RW);
	t_map(ctx, iova + SZ_16K, pa, SZ_4K, 1, T_RW);
	table = t_lv2(ctx, iova);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 5), 3 * SZ_4K);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr, (void *)table);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 3 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_16K), pa);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 1);
	/* a hole at the start */
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_4K * 3, SZ_4K, 2), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_16K), pa);
	t_done(ctx);
}

static void t_unmap_stops_at_hole_across_tables(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);

	t_map(ctx, SZ_1M - SZ_8K, 0x40000000, SZ_4K, 4, T_RW);
	t_map(ctx, SZ_2M, 0x50000000, SZ_1M, 1, T_RW);
	/* 1 MiB + 8 KiB up to 2 MiB is a hole */
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_1M - SZ_8K, SZ_4K, 512), SZ_16K);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_2M), 0x50000000);
	t_map(ctx, SZ_1M, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_1M, 3), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_1M, SZ_1M, 3), SZ_2M);
	t_done(ctx);
}

static void t_unmap_partial_large_refused(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx) + SZ_64K, pa = t_pa(ctx);
	struct t_snap *before;

	t_map(ctx, iova, pa, SZ_64K, 1, T_RW);
	t_map(ctx, iova - SZ_8K, pa, SZ_4K, 2, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_4K, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_64K - SZ_4K, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 16), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	/* small pages before it go, then the run stops at the large page */
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova - SZ_8K, SZ_4K, 4), SZ_8K);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), pa);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 1), SZ_64K);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), 0);
	t_done(ctx);
}

static void t_unmap_partial_section_refused(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;

	t_map(ctx, iova, pa, SZ_1M, 1, T_RW);
	before = t_snap(ctx);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_512K, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_1M - SZ_64K, SZ_64K, 1),
			0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 256), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 16), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 0);
	t_expect_unchanged(ctx, before, true);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	t_done(ctx);
}

static void t_unmap_64k_over_small_pages(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;
	unsigned int i;

	/* 16 small pages, not contiguous in PA */
	for (i = 0; i < 16; i++)
		t_map(ctx, iova + i * SZ_4K, pa + (15 - i) * SZ_4K, SZ_4K, 1,
		      T_RW);
	/* 15 small pages and a hole */
	t_map(ctx, iova + SZ_64K, pa, SZ_4K, 15, T_RW);
	before = t_snap(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_64K, SZ_64K, 1), 0);
	t_expect_unchanged(ctx, before, true);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 2), SZ_64K);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 16 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova), 0);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_64K), pa);
	t_done(ctx);
}

static void t_unmap_1m_over_full_table(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	struct t_snap *before;
	__le32 *table;

	t_map(ctx, iova, pa, SZ_64K, 8, T_RW);
	t_map(ctx, iova + SZ_512K, pa, SZ_4K, 127, IOMMU_READ);
	before = t_snap(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), 0);
	t_expect_unchanged(ctx, before, true);

	t_map(ctx, iova + SZ_1M - SZ_4K, pa, SZ_4K, 1, T_RW);
	table = t_lv2(ctx, iova);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr, (void *)table);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, T_LV2_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, t_lv2(ctx, iova), table);
	KUNIT_EXPECT_EQ(test, t_lv2_count(table), 0);
	t_done(ctx);
}

static void t_unmap_run_across_tables(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx) + SZ_512K, pa = t_pa(ctx);
	unsigned int i;

	t_map(ctx, iova, pa, SZ_4K, 768, T_RW);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 768), SZ_2M + SZ_1M);
	/* one sync per table: halves at both ends, a whole one between */
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 4);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 128 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, ctx->events[1].size, 256 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, ctx->events[2].size, 256 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, ctx->events[3].size, 128 * sizeof(u32));
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, ctx->events[i].type, T_EV_SYNC);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_1M), 0);
	t_done(ctx);
}

static void t_unmap_sections_run(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	unsigned int i;
	u32 ent;

	t_map(ctx, iova, pa, SZ_1M, 4, T_RW);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 4), SZ_4M);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr,
			    (void *)(t_lv1(ctx) + (iova >> T_SECT_SHIFT)));
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 4 * sizeof(u32));
	for (i = 0; i < 4; i++) {
		ent = t_lv1_ent(ctx, iova + i * SZ_1M);
		KUNIT_EXPECT_TRUE(test, t_lv1_invalid(ctx, ent));
		KUNIT_EXPECT_EQ(test, ent, ctx->cfg.zero_lv2 ? ctx->zero_link : 0);
	}
	t_done(ctx);
}

static void t_unmap_1m_mixed_run(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	__le32 *table;

	t_map(ctx, iova, pa, SZ_1M, 1, T_RW);
	t_map(ctx, iova + SZ_1M, pa, SZ_4K, 256, T_RW);
	t_map(ctx, iova + SZ_2M, pa, SZ_1M, 1, T_RW);
	table = t_lv2(ctx, iova + SZ_1M);
	t_reset(ctx);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 4), 3 * SZ_1M);
	/* the leaf run, then one sync over the level-1 span */
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 2);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr, (void *)table);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, T_LV2_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[1].ptr,
			    (void *)(t_lv1(ctx) + (iova >> T_SECT_SHIFT)));
	KUNIT_EXPECT_EQ(test, ctx->events[1].size, 3 * sizeof(u32));
	KUNIT_EXPECT_PTR_EQ(test, t_lv2(ctx, iova + SZ_1M), table);
	t_done(ctx);
}

static void t_unmap_keeps_empty_tables(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	unsigned int added, removed;
	__le32 *table;

	t_map(ctx, iova, pa, SZ_4K, 512, T_RW);
	table = t_lv2(ctx, iova + SZ_1M);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_4K, 512), SZ_2M);
	added = ctx->added;
	removed = ctx->removed;
	KUNIT_EXPECT_PTR_EQ(test, t_lv2(ctx, iova + SZ_1M), table);
	/* mapping again reuses them */
	t_reset(ctx);
	t_map(ctx, iova + SZ_1M, pa + SZ_1M, SZ_4K, 1, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, ctx->added, added);
	KUNIT_EXPECT_EQ(test, ctx->removed, removed);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_FLUSH), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(table[0]),
			t_exp_small(ctx, pa + SZ_1M, IOMMU_READ));
	t_done(ctx);
}

static void t_unmap_then_remap(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	t_map(ctx, iova, pa + SZ_1M, SZ_64K, 16, IOMMU_READ);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 0x12345), pa + SZ_1M + 0x12345);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_64K, 16), SZ_1M);
	t_map(ctx, iova, pa + SZ_2M, SZ_1M, 1, IOMMU_WRITE);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova),
			t_exp_sect(ctx, pa + SZ_2M, IOMMU_WRITE));
	t_done(ctx);
}

/* Syncs and flushes */

static void t_map_run_syncs(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = ALIGN(t_iova(ctx), SZ_4M), pa = t_pa(ctx);
	unsigned int i, lv1_syncs = 0, fresh = 0, leaf = 0;
	struct t_event *ev;

	t_map(ctx, iova, pa, SZ_4K, 1024, T_RW);
	KUNIT_ASSERT_FALSE(test, ctx->events_overflow);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 4);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_FLUSH), 4);
	for (i = 0; i < ctx->nr_events; i++) {
		ev = &ctx->events[i];
		if (ev->type != T_EV_SYNC)
			continue;
		if (t_in_lv1(ctx, ev->ptr)) {
			lv1_syncs++;
			KUNIT_EXPECT_PTR_EQ(test, ev->ptr,
					    (void *)(t_lv1(ctx) +
						     (iova >> T_SECT_SHIFT)));
			KUNIT_EXPECT_EQ(test, ev->size, 4 * sizeof(u32));
		} else if (i && ev[-1].type == T_EV_ADD) {
			fresh++;
			KUNIT_EXPECT_PTR_EQ(test, ev->ptr, ev[-1].ptr);
		} else {
			leaf++;
			KUNIT_EXPECT_EQ(test, ev->size, T_LV2_SIZE);
		}
	}
	KUNIT_EXPECT_EQ(test, lv1_syncs, 1);
	KUNIT_EXPECT_EQ(test, fresh, 4);
	KUNIT_EXPECT_EQ(test, leaf, 4);
	KUNIT_EXPECT_EQ(test, ctx->syncs, 9);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + i * SZ_1M + 0x123),
				pa + i * SZ_1M + 0x123);
	t_done(ctx);
}

static void t_map_run_order(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);
	unsigned int i;

	t_map(ctx, SZ_2M, 0x40000000, SZ_4K, 512, T_RW);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 2 * 2 + 1 + 2 + 2);
	/* add, sync the fresh table; twice */
	for (i = 0; i < 4; i += 2) {
		KUNIT_EXPECT_EQ(test, ctx->events[i].type, T_EV_ADD);
		KUNIT_EXPECT_EQ(test, ctx->events[i + 1].type, T_EV_SYNC);
	}
	/* link both with one level-1 sync, flush both */
	KUNIT_EXPECT_EQ(test, ctx->events[4].type, T_EV_SYNC);
	KUNIT_EXPECT_EQ(test, ctx->events[4].size, 8);
	KUNIT_EXPECT_EQ(test, ctx->events[5].type, T_EV_FLUSH);
	KUNIT_EXPECT_EQ(test, ctx->events[5].iova, SZ_2M);
	KUNIT_EXPECT_EQ(test, ctx->events[6].type, T_EV_FLUSH);
	KUNIT_EXPECT_EQ(test, ctx->events[6].iova, 3 * SZ_1M);
	/* then the leaves, one sync per table */
	KUNIT_EXPECT_EQ(test, ctx->events[7].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[7].ptr, ctx->events[0].ptr);
	KUNIT_EXPECT_EQ(test, ctx->events[8].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[8].ptr, ctx->events[2].ptr);
	t_done(ctx);
}

static void t_map_unaligned_run_syncs(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx) + SZ_1M - SZ_4K, pa = t_pa(ctx);
	unsigned int i, n = 0;
	static const size_t sizes[] = { 4, T_LV2_SIZE, 4 };

	t_map(ctx, t_iova(ctx) + SZ_1M + SZ_4K, pa, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, t_iova(ctx) + SZ_1M + SZ_4K,
				      SZ_4K, 1), SZ_4K);
	t_reset(ctx);
	t_map(ctx, iova, pa, SZ_4K, 258, T_RW);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 2);
	KUNIT_EXPECT_EQ(test, t_count_lv1_syncs(ctx), 1);
	/* the level-1 sync spans the two new links, with the old one between */
	for (i = 0; i < ctx->nr_events; i++)
		if (ctx->events[i].type == T_EV_SYNC &&
		    t_in_lv1(ctx, ctx->events[i].ptr))
			KUNIT_EXPECT_EQ(test, ctx->events[i].size, 12);
	for (i = ctx->nr_events - 3; i < ctx->nr_events; i++) {
		KUNIT_EXPECT_EQ(test, ctx->events[i].type, T_EV_SYNC);
		KUNIT_EXPECT_EQ(test, ctx->events[i].size, sizes[n++]);
	}
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + 257 * SZ_4K), pa + 257 * SZ_4K);
	t_done(ctx);
}

static void t_map_existing_tables_syncs(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_1M, pa, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_1M, SZ_4K, 1), SZ_4K);
	t_map(ctx, iova + SZ_2M + SZ_512K, pa, SZ_4K, 1, T_RW);
	t_reset(ctx);
	t_map(ctx, iova + SZ_64K, pa, SZ_64K, 32, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->nr_events, 3);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_SYNC), 3);
	KUNIT_EXPECT_EQ(test, t_count_lv1_syncs(ctx), 0);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 240 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, ctx->events[1].size, 256 * sizeof(u32));
	KUNIT_EXPECT_EQ(test, ctx->events[2].size, 16 * sizeof(u32));
	t_done(ctx);
}

static void t_map_sections_syncs(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);
	unsigned int i;

	t_map(ctx, iova, pa, SZ_1M, 8, T_RW);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 9);
	KUNIT_EXPECT_EQ(test, ctx->events[0].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[0].ptr,
			    (void *)(t_lv1(ctx) + (iova >> T_SECT_SHIFT)));
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 8 * sizeof(u32));
	for (i = 0; i < 8; i++) {
		KUNIT_EXPECT_EQ(test, ctx->events[i + 1].type, T_EV_FLUSH);
		KUNIT_EXPECT_EQ(test, ctx->events[i + 1].iova, iova + i * SZ_1M);
		KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova + i * SZ_1M),
				t_exp_sect(ctx, pa + i * SZ_1M, T_RW));
	}
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 0);
	t_done(ctx);
}

static void t_map_large_run_syncs(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_64K, 1, T_RW);
	t_reset(ctx);
	t_map(ctx, iova + SZ_64K, pa + SZ_64K, SZ_64K, 1, IOMMU_READ);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 1);
	KUNIT_EXPECT_EQ(test, ctx->events[0].size, 16 * sizeof(u32));
	t_reset(ctx);
	t_map(ctx, iova + SZ_2M, pa, SZ_64K, 32, T_RW);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_ADD), 2);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_SYNC), 2 + 1 + 2);
	t_done(ctx);
}

/* More than one batch of new tables in one call */
static void t_map_long_run(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);
	unsigned int i;

	t_map(ctx, SZ_64M, 0x40000000, SZ_4K, 40 * 256, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->lv2_added, 40);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 40);
	KUNIT_EXPECT_EQ(test, ctx->syncs, 40 + 40 + 3);
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_64M + i * SZ_1M + 0xfff),
				0x40000fff + i * SZ_1M);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_64M, SZ_1M, 40), 40 * SZ_1M);
	t_done(ctx);
}

/* The zero level-2 table */

static void t_zero_lv2_invalid_entries(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx);
	unsigned int i, n = 0;
	__le32 *lv1 = t_lv1(ctx);
	__le32 *zero;

	if (!ctx->cfg.zero_lv2)
		kunit_skip(test, "no zero table");
	zero = phys_to_virt(((u64)ctx->zero_link << ctx->cfg.pte_shift) &
			    ~(u64)(T_LV2_SIZE - 1));
	t_map(ctx, iova, t_pa(ctx), SZ_4K, 1, T_RW);
	t_map(ctx, iova + SZ_2M, t_pa(ctx), SZ_1M, 1, T_RW);
	for (i = 0; i < ctx->lv1_entries; i++)
		n += le32_to_cpu(lv1[i]) != ctx->zero_link;
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_NULL(test, memchr_inv(zero, 0, T_LV2_SIZE));
	KUNIT_EXPECT_NE(test, t_lv1_ent(ctx, iova), ctx->zero_link);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, iova + SZ_1M), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_1M, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova + SZ_1M, SZ_1M, 1), 0);
	/* a run through invalid entries never maps into the zero table */
	t_map(ctx, iova + SZ_4M - SZ_4K, t_pa(ctx), SZ_4K, 3, T_RW);
	KUNIT_EXPECT_NULL(test, memchr_inv(zero, 0, T_LV2_SIZE));
	t_done(ctx);
}

static void t_zero_lv2_flush_on_link(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);
	u64 iova = 0x12300000;

	t_map(ctx, iova + 0x45000, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_ASSERT_EQ(test, ctx->nr_events, 5);
	KUNIT_EXPECT_EQ(test, ctx->events[0].type, T_EV_ADD);
	KUNIT_EXPECT_EQ(test, ctx->events[1].type, T_EV_SYNC);
	/* the link is synced before the flush */
	KUNIT_EXPECT_EQ(test, ctx->events[2].type, T_EV_SYNC);
	KUNIT_EXPECT_PTR_EQ(test, ctx->events[2].ptr,
			    (void *)(t_lv1(ctx) + (iova >> T_SECT_SHIFT)));
	KUNIT_EXPECT_EQ(test, ctx->events[3].type, T_EV_FLUSH);
	KUNIT_EXPECT_EQ(test, ctx->events[3].iova, iova);
	KUNIT_EXPECT_EQ(test, ctx->events[4].type, T_EV_SYNC);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova),
			t_exp_link(ctx, ctx->events[0].ptr));
	/* the table exists now: no more flushes */
	t_reset(ctx);
	t_map(ctx, iova + 0x46000, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 0);
	t_done(ctx);
}

static void t_zero_lv2_section_restores(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);
	u64 iova = 0x45600000;

	t_map(ctx, iova, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 1);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova), 0x40000402);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	KUNIT_EXPECT_EQ(test, t_lv1_ent(ctx, iova), ctx->zero_link);
	/* valid again: flushed again */
	t_reset(ctx);
	t_map(ctx, iova, 0x50000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 1);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, iova, SZ_1M, 1), SZ_1M);
	t_reset(ctx);
	t_map(ctx, iova, 0x50000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 1);
	KUNIT_EXPECT_NE(test, t_lv1_ent(ctx, iova), ctx->zero_link);
	KUNIT_EXPECT_EQ(test, t_lv2_ent(ctx, iova), 0x50000012);
	t_done(ctx);
}

static void t_zero_lv2_free(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, true);
	void *zero = phys_to_virt(((u64)ctx->zero_link << 4) &
				  ~(u64)(T_LV2_SIZE - 1));
	unsigned int i, zero_removed = 0;

	t_map(ctx, 0, 0x40000000, SZ_4K, 700, T_RW);
	t_map(ctx, SZ_16M, 0x40000000, SZ_1M, 3, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_4K, 700), 700 * SZ_4K);
	t_reset(ctx);
	exynos_pt_free(ctx->pt);
	ctx->pt = NULL;
	for (i = 0; i < ctx->nr_events; i++)
		zero_removed += ctx->events[i].type == T_EV_REMOVE &&
				ctx->events[i].ptr == zero;
	KUNIT_EXPECT_EQ(test, zero_removed, 1);
	KUNIT_EXPECT_EQ(test, t_count(ctx, T_EV_REMOVE), 1 + 3 + 1);
	t_done(ctx);
}

static void t_flush_without_zero_lv2(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);

	t_map(ctx, SZ_1M, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 1);
	t_map(ctx, SZ_1M + SZ_4K, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 1);
	t_map(ctx, SZ_2M, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 2);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_1M, SZ_4K, 2), SZ_8K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_2M, SZ_1M, 1), SZ_1M);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 2);
	/* an empty table replaced by a section: the old link is flushed */
	t_map(ctx, SZ_1M, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->flushes, 3);
	t_done(ctx);
}

/* Failing table allocation */

static const unsigned int t_fail_at[] = { 1, 2, 3 };

static void t_fail_at_desc(const unsigned int *at, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "table %u fails", *at);
}

KUNIT_ARRAY_PARAM(t_fail_at, t_fail_at, t_fail_at_desc);

static void t_enomem_nth_table(struct kunit *test)
{
	const unsigned int *at = test->param_value;
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);
	struct t_snap *before;

	/* an empty table at 3 MiB, a section at 8 MiB */
	t_map(ctx, 3 * SZ_1M, 0x40000000, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 3 * SZ_1M, SZ_4K, 1), SZ_4K);
	t_map(ctx, SZ_8M, 0x40000000, SZ_1M, 1, T_RW);
	before = t_snap(ctx);
	ctx->fail_added_at = ctx->added_calls + *at;
	/* 4 MiB from 2 MiB: three new tables are needed */
	t_map_err(ctx, SZ_2M, 0x50000000, SZ_4K, 1024, T_RW, -ENOMEM);
	t_expect_unchanged(ctx, before, false);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_2M, SZ_4K, 1024), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_live, ctx->added - ctx->removed);

	t_map(ctx, SZ_2M, 0x50000000, SZ_4K, 1024, T_RW);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_4M + SZ_2M - 1), 0x503fffff);
	t_done(ctx);
}

static void t_enomem_after_batch(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);
	struct t_snap *before = t_snap(ctx);
	unsigned int added;

	ctx->fail_added_at = ctx->added_calls + 18;
	t_map_err(ctx, SZ_32M, 0x40000000, SZ_64K, 20 * 16, T_RW, -ENOMEM);
	t_expect_unchanged(ctx, before, false);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_32M, SZ_64K, 20 * 16), 0);
	/* the first batch stayed linked, empty */
	KUNIT_EXPECT_EQ(test, ctx->lv2_added - ctx->lv2_removed, 16);
	added = ctx->lv2_added;
	t_map(ctx, SZ_32M, 0x40000000, SZ_64K, 20 * 16, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->lv2_added, added + 4);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_32M + 20 * SZ_1M - 1),
			0x40000000 + 20 * SZ_1M - 1);
	t_done(ctx);
}

static void t_table_added_error_propagates(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, false);

	ctx->fail_err = -EIO;
	ctx->fail_added_at = ctx->added_calls + 1;
	t_map_err(ctx, SZ_1M, 0x40000000, SZ_4K, 1, T_RW, -EIO);
	/* sections need no table */
	ctx->fail_added_at = ctx->added_calls + 1;
	t_map(ctx, SZ_2M, 0x40000000, SZ_1M, 1, T_RW);
	KUNIT_EXPECT_EQ(test, t_phys(ctx, SZ_1M), 0);
	t_done(ctx);
}

/* Dump */

static char *t_dump(struct t_ctx *ctx)
{
	struct seq_file s = { };

	s.size = SZ_4K;
	s.buf = kunit_kzalloc(ctx->test, s.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(ctx->test, s.buf);
	exynos_pt_dump(ctx->pt, &s);
	KUNIT_ASSERT_LT(ctx->test, s.count, s.size);
	s.buf[s.count] = '\0';
	return s.buf;
}

static void t_dump_runs(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 0, EXYNOS_PT_PROT_V1, true);

	KUNIT_EXPECT_STREQ(test, t_dump(ctx), "");
	/* contiguous in IOVA and PA across a table boundary: one run */
	t_map(ctx, SZ_1M - SZ_8K, 0x40000000, SZ_4K, 3, T_RW);
	/* contiguous in IOVA, not in PA: a second run */
	t_map(ctx, SZ_1M + SZ_4K, 0x48000000, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_2M, 0x50000000, SZ_64K, 2, IOMMU_READ);
	t_map(ctx, SZ_2M + SZ_128K, 0x50020000, SZ_64K, 1, T_RW);
	t_map(ctx, SZ_16M, 0x60000000, SZ_1M, 3, IOMMU_WRITE);
	KUNIT_EXPECT_STREQ(test, t_dump(ctx),
			   "0x0000fe000-0x000100fff -> 0x040000000  4K x3 rw\n"
			   "0x000101000-0x000101fff -> 0x048000000  4K x1 rw\n"
			   "0x000200000-0x00021ffff -> 0x050000000 64K x2 r-\n"
			   "0x000220000-0x00022ffff -> 0x050020000 64K x1 rw\n"
			   "0x001000000-0x0012fffff -> 0x060000000  1M x3 rw\n");
	t_done(ctx);
}

static void t_dump_v5(struct kunit *test)
{
	struct t_ctx *ctx = t_new(test, 32, 4, EXYNOS_PT_PROT_V5, false);

	t_map(ctx, 0, 0x40000000, SZ_1M, 1, IOMMU_READ);
	t_map(ctx, SZ_1M, 0x40100000, SZ_1M, 1, IOMMU_WRITE);
	t_map(ctx, SZ_2M, 0x40200000, SZ_4K, 1, T_RW);
	t_map(ctx, SZ_2M + SZ_64K, 0x40210000, SZ_64K, 1, IOMMU_WRITE);
	KUNIT_EXPECT_STREQ(test, t_dump(ctx),
			   "0x000000000-0x0000fffff -> 0x040000000  1M x1 r-\n"
			   "0x000100000-0x0001fffff -> 0x040100000  1M x1 -w\n"
			   "0x000200000-0x000200fff -> 0x040200000  4K x1 rw\n"
			   "0x000210000-0x00021ffff -> 0x040210000 64K x1 -w\n");
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, 0, SZ_1M, 2), SZ_2M);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_2M, SZ_4K, 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, t_unmap(ctx, SZ_2M + SZ_64K, SZ_64K, 1), SZ_64K);
	KUNIT_EXPECT_STREQ(test, t_dump(ctx), "");
	t_done(ctx);
}

static void t_free_with_mappings(struct kunit *test)
{
	struct t_ctx *ctx = t_new_param(test);
	u64 iova = t_iova(ctx), pa = t_pa(ctx);

	t_map(ctx, iova, pa, SZ_4K, 1000, T_RW);
	t_map(ctx, iova + SZ_4M, pa, SZ_64K, 40, T_RW);
	t_map(ctx, iova + SZ_8M, pa, SZ_1M, 5, T_RW);
	t_map(ctx, 0, pa, SZ_4K, 1, T_RW);
	t_map(ctx, t_limit(ctx) - SZ_4K, pa, SZ_4K, 1, T_RW);
	KUNIT_EXPECT_EQ(test, ctx->lv2_added - !!ctx->cfg.zero_lv2, 4 + 3 + 2);
	t_done(ctx);
}

/* Randomised cross-check against a model */

#define T_RAND_WINDOW	SZ_32M
#define T_RAND_PAGES	(T_RAND_WINDOW / SZ_4K)
#define T_RAND_OPS	2500

struct t_page {
	u32 pfn;	/* PA >> 12 of this 4 KiB page */
	u8 shift;	/* 0: unmapped; 12, 16 or 20: mapped with that size */
	u8 prot;
};

struct t_rand {
	struct t_ctx *ctx;
	struct rnd_state rs;
	struct t_page *model;
	u64 base;
	u64 pa_max;
	unsigned int maps, unmaps, lookups, eexist, enomem;
};

static u32 t_rnd(struct t_rand *r, u32 n)
{
	return prandom_u32_state(&r->rs) % n;
}

static size_t t_rnd_pgsize(struct t_rand *r)
{
	u32 v = t_rnd(r, 10);

	return v < 5 ? SZ_4K : v < 8 ? SZ_64K : SZ_1M;
}

static size_t t_rnd_count(struct t_rand *r, size_t pgsize)
{
	if (pgsize == SZ_4K)
		return 1 + t_rnd(r, t_rnd(r, 8) ? 16 : 400);
	if (pgsize == SZ_64K)
		return 1 + t_rnd(r, t_rnd(r, 4) ? 4 : 24);
	return 1 + t_rnd(r, 2);
}

/* A random, @pgsize-aligned first page of @count in the window */
static unsigned int t_rnd_start(struct t_rand *r, size_t pgsize,
				size_t *count)
{
	unsigned int per = pgsize / SZ_4K, units = T_RAND_PAGES / per;
	unsigned int unit = t_rnd(r, units);

	*count = min_t(size_t, *count, units - unit);
	return unit * per;
}

static bool t_rand_free(const struct t_rand *r, unsigned int first,
			unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (r->model[first + i].shift)
			return false;
	return true;
}

static void t_rand_map(struct t_rand *r)
{
	size_t pgsize = t_rnd_pgsize(r), want = t_rnd_count(r, pgsize), count;
	int prot = t_rnd(r, 50) ? 1 + t_rnd(r, 3) : 0;
	struct t_ctx *ctx = r->ctx;
	struct kunit *test = ctx->test;
	bool inject = !t_rnd(r, 20);
	unsigned int first, n, try, i;
	size_t size, mapped = 1;
	u64 pa;
	int exp = 0, ret;

	/* a few tries at a free range, so that not every map overlaps */
	for (try = 0; try < 4; try++) {
		count = want;
		first = t_rnd_start(r, pgsize, &count);
		n = count * (pgsize / SZ_4K);
		if (t_rand_free(r, first, n))
			break;
	}
	size = pgsize * count;

	pa = ((u64)prandom_u32_state(&r->rs) << 32 | prandom_u32_state(&r->rs));
	pa &= (r->pa_max - 1) & ~(u64)(pgsize - 1);
	if (pa + size > r->pa_max)
		pa = r->pa_max - size;

	if (!prot)
		exp = -EINVAL;
	else if (!t_rand_free(r, first, n))
		exp = -EEXIST;

	if (inject)
		ctx->fail_added_at = ctx->added_calls + 1 + t_rnd(r, 2);
	ret = exynos_pt_map(ctx->pt, r->base + (u64)first * SZ_4K, pa, pgsize,
			    count, prot, GFP_KERNEL, &mapped);
	ctx->fail_added_at = 0;
	if (inject && !exp && ret == -ENOMEM) {
		r->enomem++;
		KUNIT_ASSERT_EQ(test, mapped, 0);
		return;
	}
	KUNIT_ASSERT_EQ_MSG(test, ret, exp, "map %#llx + %u pages of %zu",
			    r->base, first, pgsize);
	KUNIT_ASSERT_EQ(test, mapped, exp ? 0 : size);
	r->maps++;
	r->eexist += exp == -EEXIST;
	if (exp)
		return;
	for (i = 0; i < n; i++)
		r->model[first + i] = (struct t_page){
			.pfn = (pa >> T_PAGE_SHIFT) + i,
			.shift = ilog2(pgsize),
			.prot = prot,
		};
}

static void t_rand_unmap(struct t_rand *r)
{
	unsigned int page = t_rnd(r, T_RAND_PAGES), first, per, u, i;
	size_t pgsize = t_rnd_pgsize(r), count;
	struct t_page *unit;
	size_t exp = 0;

	/* often the size of the mapping at a random page */
	if (r->model[page].shift && t_rnd(r, 4))
		pgsize = BIT(r->model[page].shift);
	per = pgsize / SZ_4K;
	first = ALIGN_DOWN(page, per);
	count = min_t(size_t, t_rnd_count(r, pgsize),
		      (T_RAND_PAGES - first) / per);

	/* whole units, made of mappings no larger than the unit, until one isn't */
	for (u = 0; u < count; u++) {
		unit = r->model + first + u * per;
		for (i = 0; i < per; i++)
			if (!unit[i].shift || BIT(unit[i].shift) > pgsize)
				break;
		if (i < per)
			break;
		memset(unit, 0, per * sizeof(*unit));
		exp += pgsize;
	}
	KUNIT_ASSERT_EQ_MSG(r->ctx->test,
			    exynos_pt_unmap(r->ctx->pt,
					    r->base + (u64)first * SZ_4K,
					    pgsize, count), exp,
			    "unmap page %u, %zu x %zu", first, count, pgsize);
	r->unmaps++;
}

static u64 t_rand_expect(const struct t_rand *r, unsigned int page)
{
	const struct t_page *p = &r->model[page];

	return p->shift ? (u64)p->pfn << T_PAGE_SHIFT : 0;
}

static void t_rand_lookup(struct t_rand *r)
{
	unsigned int page = t_rnd(r, T_RAND_PAGES), off = t_rnd(r, SZ_4K);
	u64 exp = t_rand_expect(r, page);

	KUNIT_ASSERT_EQ(r->ctx->test,
			t_phys(r->ctx, r->base + (u64)page * SZ_4K + off),
			exp ? exp + off : 0);
	r->lookups++;
}

/* Every page of the window, through iova_to_phys and the raw entries */
static void t_rand_check(struct t_rand *r)
{
	struct t_ctx *ctx = r->ctx;
	struct kunit *test = ctx->test;
	const struct t_page *p;
	unsigned int page;
	u64 iova, pa, base;
	u32 ent;

	for (page = 0; page < T_RAND_PAGES; page++) {
		p = &r->model[page];
		iova = r->base + (u64)page * SZ_4K;
		pa = t_rand_expect(r, page);
		KUNIT_ASSERT_EQ(test, t_phys(ctx, iova + (page & 0xfff)),
				pa ? pa + (page & 0xfff) : 0);
		ent = t_lv1_ent(ctx, iova);
		base = pa & ~(u64)(BIT(p->shift) - 1);
		if (p->shift == 20) {
			KUNIT_ASSERT_EQ(test, ent, t_exp_sect(ctx, base, p->prot));
			continue;
		}
		KUNIT_ASSERT_NE(test, T_TYPE(ent), T_LV1_SECT);
		if (!p->shift && !t_ent_table(ctx, ent))
			continue;
		ent = t_lv2_ent(ctx, iova);
		if (!p->shift)
			KUNIT_ASSERT_EQ(test, ent, 0);
		else if (p->shift == 16)
			KUNIT_ASSERT_EQ(test, ent, t_exp_large(ctx, base, p->prot));
		else
			KUNIT_ASSERT_EQ(test, ent, t_exp_small(ctx, base, p->prot));
	}
}

static void t_random(struct kunit *test, unsigned int ias, unsigned int shift,
		     enum exynos_pt_prot_fmt fmt, bool zero, u64 seed)
{
	struct t_rand *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	unsigned int op, page;
	u64 pa_bits;

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->ctx = t_new(test, ias, shift, fmt, zero);
	r->model = kunit_kcalloc(test, T_RAND_PAGES, sizeof(*r->model),
				 GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->model);
	/* the top of the IOVA space, so the last entries get used too */
	r->base = t_limit(r->ctx) - T_RAND_WINDOW;
	pa_bits = t_phys_is_64bit() ? 32 + shift : 32;
	r->pa_max = BIT_ULL(pa_bits);
	prandom_seed_state(&r->rs, seed);

	for (op = 0; op < T_RAND_OPS; op++) {
		switch (t_rnd(r, 20)) {
		case 0 ... 9:
			t_rand_map(r);
			break;
		case 10 ... 16:
			t_rand_unmap(r);
			break;
		default:
			t_rand_lookup(r);
			break;
		}
		if (op % 1000 == 999)
			t_rand_check(r);
	}
	t_rand_check(r);
	kunit_info(test, "%u maps (%u -EEXIST, %u -ENOMEM), %u unmaps, %u lookups\n",
		   r->maps, r->eexist, r->enomem, r->unmaps, r->lookups);
	KUNIT_EXPECT_GT(test, r->maps - r->eexist, T_RAND_OPS / 10);
	KUNIT_EXPECT_GT(test, r->eexist, 0);

	/* unmap what is left, mapping by mapping */
	for (page = 0; page < T_RAND_PAGES; page++) {
		size_t sz = r->model[page].shift ? BIT(r->model[page].shift) : 0;

		if (!sz)
			continue;
		KUNIT_ASSERT_EQ(test, exynos_pt_unmap(r->ctx->pt,
						      r->base + (u64)page * SZ_4K,
						      sz, 1), sz);
		memset(&r->model[page], 0, sz / SZ_4K * sizeof(*r->model));
	}
	t_rand_check(r);
	KUNIT_EXPECT_STREQ(test, t_dump(r->ctx), "");
	t_done(r->ctx);
}

static void t_random_ias32_v1(struct kunit *test)
{
	t_random(test, 32, 0, EXYNOS_PT_PROT_V1, false, 0x5eed0001);
}

static void t_random_ias32_v1_zero(struct kunit *test)
{
	t_random(test, 32, 0, EXYNOS_PT_PROT_V1, true, 0x5eed0002);
}

static void t_random_ias32_v5(struct kunit *test)
{
	t_random(test, 32, 4, EXYNOS_PT_PROT_V5, false, 0x5eed0003);
}

static void t_random_ias36_v5(struct kunit *test)
{
	t_random(test, 36, 4, EXYNOS_PT_PROT_V5, false, 0x5eed0004);
}

static void t_random_ias36_v5_zero(struct kunit *test)
{
	t_random(test, 36, 4, EXYNOS_PT_PROT_V5, true, 0x5eed0005);
}

static struct kunit_case exynos_pt_test_cases[] = {
	KUNIT_CASE_PARAM(t_alloc_geometry, t_geoms_gen_params),
	KUNIT_CASE(t_alloc_syncs_tables),
	KUNIT_CASE(t_alloc_rejects_bad_cfg),
	KUNIT_CASE(t_alloc_ias36_needs_64bit),
	KUNIT_CASE(t_alloc_table_added_fails),
	KUNIT_CASE(t_free_null),
	KUNIT_CASE(t_base_is_lv1),
	KUNIT_CASE(t_null_ops),
	KUNIT_CASE(t_two_tables_independent),
	KUNIT_CASE_PARAM(t_small_page_raw, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_large_page_raw, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_section_raw, t_geoms_gen_params),
	KUNIT_CASE(t_literal_v1),
	KUNIT_CASE(t_literal_v5),
	KUNIT_CASE(t_prot_v1),
	KUNIT_CASE(t_prot_v5),
	KUNIT_CASE(t_prot_v5_shift0),
	KUNIT_CASE_PARAM(t_prot_none_rejected, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_prot_other_flags_ignored, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_iova_to_phys_offsets, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_iova_to_phys_unmapped, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_mixed_sizes_one_table, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_shared_table, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_section_replaces_empty_table, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_section_refuses_table, t_geoms_gen_params),
	KUNIT_CASE(t_section_run_refuses_one_table),
	KUNIT_CASE(t_section_replaces_many_tables),
	KUNIT_CASE_PARAM(t_first_iova, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_last_pages, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_last_section, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_beyond_limit, t_geoms_gen_params),
	KUNIT_CASE(t_pa_36bit_shift4),
	KUNIT_CASE(t_pa_36bit_shift0_rejected),
	KUNIT_CASE(t_pa_top_of_32bit),
	KUNIT_CASE_PARAM(t_bad_pgsize, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unaligned, t_geoms_gen_params),
	KUNIT_CASE(t_zero_pgcount),
	KUNIT_CASE_PARAM(t_overlap_pages, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_overlap_sections, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_overlap_checked_first, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_unmapped, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_stops_at_hole, t_geoms_gen_params),
	KUNIT_CASE(t_unmap_stops_at_hole_across_tables),
	KUNIT_CASE_PARAM(t_unmap_partial_large_refused, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_partial_section_refused, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_64k_over_small_pages, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_1m_over_full_table, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_run_across_tables, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_sections_run, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_1m_mixed_run, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_keeps_empty_tables, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_unmap_then_remap, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_map_run_syncs, t_geoms_gen_params),
	KUNIT_CASE(t_map_run_order),
	KUNIT_CASE_PARAM(t_map_unaligned_run_syncs, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_map_existing_tables_syncs, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_map_sections_syncs, t_geoms_gen_params),
	KUNIT_CASE_PARAM(t_map_large_run_syncs, t_geoms_gen_params),
	KUNIT_CASE(t_map_long_run),
	KUNIT_CASE_PARAM(t_zero_lv2_invalid_entries, t_geoms_gen_params),
	KUNIT_CASE(t_zero_lv2_flush_on_link),
	KUNIT_CASE(t_zero_lv2_section_restores),
	KUNIT_CASE(t_zero_lv2_free),
	KUNIT_CASE(t_flush_without_zero_lv2),
	KUNIT_CASE_PARAM(t_enomem_nth_table, t_fail_at_gen_params),
	KUNIT_CASE(t_enomem_after_batch),
	KUNIT_CASE(t_table_added_error_propagates),
	KUNIT_CASE(t_dump_runs),
	KUNIT_CASE(t_dump_v5),
	KUNIT_CASE_PARAM(t_free_with_mappings, t_geoms_gen_params),
	KUNIT_CASE(t_random_ias32_v1),
	KUNIT_CASE(t_random_ias32_v1_zero),
	KUNIT_CASE(t_random_ias32_v5),
	KUNIT_CASE(t_random_ias36_v5),
	KUNIT_CASE(t_random_ias36_v5_zero),
	{}
};

static struct kunit_suite exynos_pt_test_suite = {
	.name = "exynos-sysmmu-pgtable",
	.test_cases = exynos_pt_test_cases,
};

kunit_test_suite(exynos_pt_test_suite);
