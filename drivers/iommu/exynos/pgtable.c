// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU page-table format.
 *
 * Supported:
 * - 4 KiB small pages, 64 KiB large pages and 1 MiB sections. 16 MiB
 *   supersections are not supported.
 * - A level-1 table of 4096 entries (32-bit IOVA) or, on 64-bit kernels
 *   only, 65536 entries (36-bit IOVA); 1 KiB level-2 tables of 256 entries.
 * - Entries holding the physical address shifted right by 0 (32-bit PA) or
 *   4 (36-bit PA). The v1 permission encoding only exists with shift 0:
 *   with shift 4 its level-2 bit 9 would overlap the address.
 * - IOMMU_READ and IOMMU_WRITE; other prot flags have no encoding and are
 *   ignored. A prot with neither is refused (-EINVAL): such an entry would
 *   only fault. The v1 encoding has no write-only permission: IOMMU_WRITE
 *   alone maps read/write.
 * - The v3.3 workaround of pointing invalid level-1 entries at a shared
 *   all-invalid level-2 table (cfg->zero_lv2), one such table per page table.
 * - Every table the walker can reach (level 1, level 2, the zero table) lies
 *   below the physical limit of the entry format (4 GiB with shift 0, 64 GiB
 *   with shift 4); a table allocated above it fails with -ENOMEM.
 *
 * Map checks the whole request before writing anything: a bad size,
 * alignment or range gives -EINVAL, a physical address the entries cannot
 * hold -ERANGE, any page of the range already mapped -EEXIST. A section may
 * replace a level-2 table that holds no mapping. If a level-2 table cannot
 * be allocated the call fails with no page mapped, but level-2 tables it
 * already linked stay (empty).
 *
 * Unmap works in units of the pgsize it is given and stops at the first unit
 * it cannot unmap whole, returning the bytes unmapped before it: a unit with
 * a hole, or a unit that is only part of a larger mapping (4 KiB of a large
 * page, less than 1 MiB of a section). Partial unmap is refused rather than
 * unmapping the whole larger mapping, since that would unmap addresses the
 * caller did not ask for. Units made of smaller mappings are fine (a 64 KiB
 * unit over 16 small pages, a 1 MiB unit over a full level-2 table). Empty
 * level-2 tables are kept until exynos_pt_free() (or until a section
 * replaces them). Unmap does not invalidate any TLB or walk cache; the
 * caller does that (through its iommu_iotlb_gather) before reusing the IOVA
 * or freeing the memory.
 *
 * Concurrency, following the IOMMU API: map, unmap and iova_to_phys may run
 * concurrently on disjoint IOVA ranges without any lock from the caller,
 * even within one 1 MiB section; operations on overlapping ranges, and
 * exynos_pt_free() against anything, must be serialised by the caller.
 * pt->lock serialises all writes of level-1 entries that make them valid
 * (linking a level-2 table, writing a section) with the sync and flush_lv1
 * that publish them, and the freeing of a replaced level-2 table. A map of
 * small or large pages looks at the level-1 entries of its range under the
 * lock, so a table linked by another thread is only used once that thread
 * has synced and flushed it; or, when they all link tables already, without
 * it, through pt->seq, which is odd from before tables are linked until
 * they are published (the common case of mapping into existing tables then
 * takes no lock). Leaf entries and level-1 entries that become invalid are
 * written without the lock. exynos_pt_dump() may run at any time but
 * against exynos_pt_free(); it reads each level-2 table under the lock.
 *
 * sync, flush_lv1 and table_removed may be called with pt->lock held and
 * interrupts off, and table_added in atomic context when the caller's gfp
 * says so: callbacks must not sleep, nor call back into this file. Synced
 * ranges may share cache lines with entries other CPUs are writing, so sync
 * must clean caches, never invalidate them.
 */

#define pr_fmt(fmt) "exynos-sysmmu: " fmt

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/kmemleak.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <kunit/visibility.h>

#include "../iommu-pages.h"
#include "pgtable.h"

#define EXYNOS_LV2_ENTRIES	(SZ_1M / SZ_4K)
#define EXYNOS_LV2_SIZE		(EXYNOS_LV2_ENTRIES * sizeof(__le32))
#define EXYNOS_LPAGE_ENTRIES	(SZ_64K / SZ_4K)
/* Level-2 tables linked, or replaced by sections, per sync of level 1 */
#define EXYNOS_PT_BATCH		16

/* Which entry of each level an IOVA selects */
#define EXYNOS_IOVA_LV1_INDEX	GENMASK_ULL(35, 20)
#define EXYNOS_IOVA_LV2_INDEX	GENMASK_ULL(19, 12)

/* Entry type, in bits 1:0 of entries of both levels */
#define EXYNOS_ENT_TYPE		GENMASK(1, 0)
#define EXYNOS_LV1_FAULT	0	/* and 3 */
#define EXYNOS_LV1_TABLE	1
#define EXYNOS_LV1_SECT		2
#define EXYNOS_LV2_FAULT	0
#define EXYNOS_LV2_LARGE	1
#define EXYNOS_LV2_SMALL	2	/* and 3: bit 1 set means small page */
#define EXYNOS_LV2_SMALL_BIT	BIT(1)

/* Permissions of System MMU v1-v3: ACCESS alone is read/write */
#define EXYNOS_V1_LV1_RO	BIT(15)
#define EXYNOS_V1_LV1_ACCESS	BIT(10)
#define EXYNOS_V1_LV2_RO	BIT(9)
#define EXYNOS_V1_LV2_ACCESS	BIT(4)

/* Permissions of System MMU v5 and later: a field of READ and WRITE bits */
#define EXYNOS_V5_LV1_PROT	GENMASK(5, 4)
#define EXYNOS_V5_LV2_PROT	GENMASK(3, 2)
#define EXYNOS_V5_PROT_READ	BIT(0)
#define EXYNOS_V5_PROT_WRITE	BIT(1)

/**
 * struct exynos_pt - one page table
 * @cfg: the parameters it was allocated with, with ops never NULL
 * @lv1: the level-1 table
 * @zero_lv2: the shared all-invalid level-2 table, or NULL
 * @lv1_entries: number of entries in @lv1
 * @lv1_size: size of @lv1 in bytes
 * @lv1_invalid: value of an invalid level-1 entry: 0, or a link to @zero_lv2
 * @pa_limit: first physical address the entries cannot hold
 * @lock: serialises writes making level-1 entries valid with their sync and
 *	flush_lv1, and the freeing of replaced level-2 tables (see the top of
 *	this file). The sync, flush_lv1 and table_removed callbacks may take
 *	their own locks inside it.
 * @seq: odd while the holder of @lock links level-2 tables and until it has
 *	synced and flushed them, for maps that check without the lock
 */
struct exynos_pt {
	struct exynos_pt_cfg cfg;
	__le32 *lv1;
	__le32 *zero_lv2;
	unsigned int lv1_entries;
	size_t lv1_size;
	u32 lv1_invalid;
	u64 pa_limit;
	spinlock_t lock;	/* see the top of this file */
	seqcount_spinlock_t seq;
};

static struct kmem_cache *exynos_pt_lv2_cache;
static const struct exynos_pt_ops exynos_pt_no_ops;

/* Raw entries */

static u32 exynos_pt_get(const __le32 *ent)
{
	return le32_to_cpu(READ_ONCE(*ent));
}

static void exynos_pt_set(__le32 *ent, u32 val)
{
	WRITE_ONCE(*ent, cpu_to_le32(val));
}

static unsigned int exynos_pt_lv1_index(u64 iova)
{
	return FIELD_GET(EXYNOS_IOVA_LV1_INDEX, iova);
}

static unsigned int exynos_pt_lv2_index(u64 iova)
{
	return FIELD_GET(EXYNOS_IOVA_LV2_INDEX, iova);
}

static u64 exynos_pt_lv1_iova(unsigned int index)
{
	return FIELD_PREP(EXYNOS_IOVA_LV1_INDEX, index);
}

/* Building and decoding entries */

static u32 exynos_pt_addr(const struct exynos_pt *pt, u64 pa)
{
	return pa >> pt->cfg.pte_shift;
}

/* The @size-aligned physical address held in entry @ent */
static u64 exynos_pt_ent_pa(const struct exynos_pt *pt, u32 ent, u64 size)
{
	return ((u64)ent << pt->cfg.pte_shift) & ~(size - 1);
}

static bool exynos_pt_pa_ok(const struct exynos_pt *pt, u64 pa, u64 size)
{
	return pa < pt->pa_limit && size <= pt->pa_limit - pa;
}

static u32 exynos_pt_prot(const struct exynos_pt *pt, int prot, bool lv1)
{
	u32 access = lv1 ? EXYNOS_V1_LV1_ACCESS : EXYNOS_V1_LV2_ACCESS;
	u32 ro = lv1 ? EXYNOS_V1_LV1_RO : EXYNOS_V1_LV2_RO;
	u32 val = 0;

	if (pt->cfg.prot_fmt == EXYNOS_PT_PROT_V1)
		return prot & IOMMU_WRITE ? access : access | ro;

	if (prot & IOMMU_READ)
		val |= EXYNOS_V5_PROT_READ;
	if (prot & IOMMU_WRITE)
		val |= EXYNOS_V5_PROT_WRITE;
	return lv1 ? FIELD_PREP(EXYNOS_V5_LV1_PROT, val) :
		     FIELD_PREP(EXYNOS_V5_LV2_PROT, val);
}

static int exynos_pt_ent_prot(const struct exynos_pt *pt, u32 ent, bool lv1)
{
	u32 ro = lv1 ? EXYNOS_V1_LV1_RO : EXYNOS_V1_LV2_RO;
	u32 access = lv1 ? EXYNOS_V1_LV1_ACCESS : EXYNOS_V1_LV2_ACCESS;
	u32 val;

	if (pt->cfg.prot_fmt == EXYNOS_PT_PROT_V1) {
		if (!(ent & access))
			return 0;
		return ent & ro ? IOMMU_READ : IOMMU_READ | IOMMU_WRITE;
	}

	val = lv1 ? FIELD_GET(EXYNOS_V5_LV1_PROT, ent) :
		    FIELD_GET(EXYNOS_V5_LV2_PROT, ent);
	return (val & EXYNOS_V5_PROT_READ ? IOMMU_READ : 0) |
	       (val & EXYNOS_V5_PROT_WRITE ? IOMMU_WRITE : 0);
}

static u32 exynos_pt_mk_table(const struct exynos_pt *pt, __le32 *table)
{
	return exynos_pt_addr(pt, virt_to_phys(table)) |
	       FIELD_PREP(EXYNOS_ENT_TYPE, EXYNOS_LV1_TABLE);
}

static u32 exynos_pt_mk_sect(const struct exynos_pt *pt, u64 pa, u32 prot)
{
	return exynos_pt_addr(pt, pa) | prot |
	       FIELD_PREP(EXYNOS_ENT_TYPE, EXYNOS_LV1_SECT);
}

static u32 exynos_pt_mk_page(const struct exynos_pt *pt, u64 pa, size_t pgsize,
			     u32 prot)
{
	u32 type = pgsize == SZ_64K ? EXYNOS_LV2_LARGE : EXYNOS_LV2_SMALL;

	return exynos_pt_addr(pt, pa) | prot |
	       FIELD_PREP(EXYNOS_ENT_TYPE, type);
}

static bool exynos_pt_lv1_is_sect(u32 ent)
{
	return FIELD_GET(EXYNOS_ENT_TYPE, ent) == EXYNOS_LV1_SECT;
}

static bool exynos_pt_lv1_is_table(const struct exynos_pt *pt, u32 ent)
{
	return FIELD_GET(EXYNOS_ENT_TYPE, ent) == EXYNOS_LV1_TABLE &&
	       ent != pt->lv1_invalid;
}

static bool exynos_pt_lv1_is_invalid(const struct exynos_pt *pt, u32 ent)
{
	return !exynos_pt_lv1_is_sect(ent) && !exynos_pt_lv1_is_table(pt, ent);
}

static __le32 *exynos_pt_lv1_ent(const struct exynos_pt *pt, u64 iova)
{
	return pt->lv1 + exynos_pt_lv1_index(iova);
}

/* The level-2 table level-1 entry @ent links */
static __le32 *exynos_pt_lv2_table(const struct exynos_pt *pt, u32 ent)
{
	return phys_to_virt(exynos_pt_ent_pa(pt, ent, EXYNOS_LV2_SIZE));
}

/* The entry for @iova in the level-2 table level-1 entry @ent links */
static __le32 *exynos_pt_lv2_ent(const struct exynos_pt *pt, u32 ent, u64 iova)
{
	return exynos_pt_lv2_table(pt, ent) + exynos_pt_lv2_index(iova);
}

static bool exynos_pt_lv2_is_fault(u32 ent)
{
	return FIELD_GET(EXYNOS_ENT_TYPE, ent) == EXYNOS_LV2_FAULT;
}

static bool exynos_pt_lv2_is_large(u32 ent)
{
	return FIELD_GET(EXYNOS_ENT_TYPE, ent) == EXYNOS_LV2_LARGE;
}

static bool exynos_pt_lv2_is_small(u32 ent)
{
	return ent & EXYNOS_LV2_SMALL_BIT;
}

/* Callbacks */

static void exynos_pt_sync(const struct exynos_pt *pt, void *ptr, size_t size)
{
	if (pt->cfg.ops->sync)
		pt->cfg.ops->sync(pt->cfg.cookie, ptr, size);
}

static void exynos_pt_sync_lv1(const struct exynos_pt *pt, unsigned int first,
			       unsigned int last)
{
	size_t size = (last - first + 1) * sizeof(__le32);

	exynos_pt_sync(pt, pt->lv1 + first, size);
}

static void exynos_pt_flush_lv1(const struct exynos_pt *pt, unsigned int index)
{
	if (pt->cfg.ops->flush_lv1)
		pt->cfg.ops->flush_lv1(pt->cfg.cookie,
				       exynos_pt_lv1_iova(index));
}

static int exynos_pt_table_added(const struct exynos_pt *pt, void *table,
				 size_t size)
{
	if (!pt->cfg.ops->table_added)
		return 0;
	return pt->cfg.ops->table_added(pt->cfg.cookie, table, size);
}

static void exynos_pt_table_removed(const struct exynos_pt *pt, void *table,
				    size_t size)
{
	if (pt->cfg.ops->table_removed)
		pt->cfg.ops->table_removed(pt->cfg.cookie, table, size);
}

/* Level-2 tables */

/*
 * A new, zeroed level-2 table, passed to table_added and synced, ready to be
 * linked. Tables are referred to by physical address only, which kmemleak
 * cannot follow: they are accounted for through table_added/table_removed.
 */
static __le32 *exynos_pt_alloc_lv2(const struct exynos_pt *pt, gfp_t gfp)
{
	__le32 *table;
	int ret;

	table = kmem_cache_zalloc(exynos_pt_lv2_cache, gfp);
	if (!table)
		return ERR_PTR(-ENOMEM);
	if (!exynos_pt_pa_ok(pt, virt_to_phys(table), EXYNOS_LV2_SIZE)) {
		kmem_cache_free(exynos_pt_lv2_cache, table);
		return ERR_PTR(-ENOMEM);
	}
	kmemleak_ignore(table);

	ret = exynos_pt_table_added(pt, table, EXYNOS_LV2_SIZE);
	if (ret) {
		kmem_cache_free(exynos_pt_lv2_cache, table);
		return ERR_PTR(ret);
	}
	exynos_pt_sync(pt, table, EXYNOS_LV2_SIZE);
	return table;
}

static void exynos_pt_free_lv2(const struct exynos_pt *pt, __le32 *table)
{
	exynos_pt_table_removed(pt, table, EXYNOS_LV2_SIZE);
	kmem_cache_free(exynos_pt_lv2_cache, table);
}

static bool exynos_pt_lv2_empty(const __le32 *table)
{
	unsigned int i;

	for (i = 0; i < EXYNOS_LV2_ENTRIES; i++)
		if (!exynos_pt_lv2_is_fault(exynos_pt_get(table + i)))
			return false;
	return true;
}

/* Allocation */

static bool exynos_pt_cfg_valid(const struct exynos_pt_cfg *cfg)
{
	if (!cfg)
		return false;
	if (cfg->ias != 32 && (cfg->ias != 36 || BITS_PER_LONG < 64))
		return false;
	if (cfg->pte_shift != 0 && cfg->pte_shift != 4)
		return false;
	switch (cfg->prot_fmt) {
	case EXYNOS_PT_PROT_V1:
		return cfg->pte_shift == 0;
	case EXYNOS_PT_PROT_V5:
		return true;
	}
	return false;
}

/**
 * exynos_pt_alloc() - allocate an empty page table
 * @cfg: its parameters, copied; @cfg->ops (if not NULL) and @cfg->cookie
 *	must stay valid until exynos_pt_free()
 * @gfp: allocation flags
 *
 * The level-1 table, and the zero level-2 table if @cfg->zero_lv2 is set,
 * are passed to the table_added callback and synced like any level-2 table,
 * and to table_removed by exynos_pt_free().
 *
 * Return: the page table, or NULL if @cfg is not supported (a 36-bit IOVA
 * on a 32-bit kernel, the v1 permissions with a non-zero @cfg->pte_shift) or
 * on allocation failure or table_added failure.
 */
struct exynos_pt *exynos_pt_alloc(const struct exynos_pt_cfg *cfg, gfp_t gfp)
{
	struct exynos_pt *pt;
	unsigned int i;

	if (!exynos_pt_cfg_valid(cfg) || !exynos_pt_lv2_cache)
		return NULL;

	pt = kzalloc_obj(*pt, gfp);
	if (!pt)
		return NULL;
	pt->cfg = *cfg;
	if (!pt->cfg.ops)
		pt->cfg.ops = &exynos_pt_no_ops;
	pt->lv1_entries = exynos_pt_lv1_index(BIT_ULL(cfg->ias) - 1) + 1;
	pt->lv1_size = pt->lv1_entries * sizeof(__le32);
	pt->pa_limit = BIT_ULL(32 + cfg->pte_shift);
	spin_lock_init(&pt->lock);
	seqcount_spinlock_init(&pt->seq, &pt->lock);

	if (cfg->zero_lv2) {
		pt->zero_lv2 = exynos_pt_alloc_lv2(pt, gfp);
		if (IS_ERR(pt->zero_lv2))
			goto err_free_pt;
		pt->lv1_invalid = exynos_pt_mk_table(pt, pt->zero_lv2);
	}

	pt->lv1 = iommu_alloc_pages_sz(gfp, pt->lv1_size);
	if (!pt->lv1)
		goto err_free_zero;
	if (!exynos_pt_pa_ok(pt, virt_to_phys(pt->lv1), pt->lv1_size))
		goto err_free_lv1;
	if (pt->lv1_invalid)
		for (i = 0; i < pt->lv1_entries; i++)
			exynos_pt_set(pt->lv1 + i, pt->lv1_invalid);
	if (exynos_pt_table_added(pt, pt->lv1, pt->lv1_size))
		goto err_free_lv1;
	exynos_pt_sync(pt, pt->lv1, pt->lv1_size);
	return pt;

err_free_lv1:
	iommu_free_pages(pt->lv1);
err_free_zero:
	if (pt->zero_lv2)
		exynos_pt_free_lv2(pt, pt->zero_lv2);
err_free_pt:
	kfree(pt);
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_alloc);

/**
 * exynos_pt_free() - free a page table and all its level-2 tables
 * @pt: the page table, or NULL
 *
 * No walker may use @pt any more, and no other operation on it may run.
 */
void exynos_pt_free(struct exynos_pt *pt)
{
	unsigned int i;
	u32 ent;

	if (!pt)
		return;

	for (i = 0; i < pt->lv1_entries; i++) {
		ent = exynos_pt_get(pt->lv1 + i);
		if (exynos_pt_lv1_is_table(pt, ent))
			exynos_pt_free_lv2(pt, exynos_pt_lv2_table(pt, ent));
	}
	exynos_pt_table_removed(pt, pt->lv1, pt->lv1_size);
	iommu_free_pages(pt->lv1);
	if (pt->zero_lv2)
		exynos_pt_free_lv2(pt, pt->zero_lv2);
	kfree(pt);
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_free);

/**
 * exynos_pt_base() - physical address of the level-1 table
 * @pt: the page table
 *
 * Return: what the page-table base register of a System MMU must point to.
 */
phys_addr_t exynos_pt_base(const struct exynos_pt *pt)
{
	return virt_to_phys(pt->lv1);
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_base);

/**
 * exynos_pt_iova_limit() - size of the IOVA space of a page table
 * @pt: the page table
 *
 * Return: the first IOVA @pt cannot map, 1 << ias.
 */
u64 exynos_pt_iova_limit(const struct exynos_pt *pt)
{
	return BIT_ULL(pt->cfg.ias);
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_iova_limit);

/* Map */

/* Check a request; on success *@size is its size in bytes. */
static int exynos_pt_check_range(const struct exynos_pt *pt, unsigned long iova,
				 size_t pgsize, size_t pgcount, size_t *size)
{
	u64 limit = exynos_pt_iova_limit(pt);

	if (pgsize != SZ_4K && pgsize != SZ_64K && pgsize != SZ_1M)
		return -EINVAL;
	if (!pgcount || !IS_ALIGNED(iova, pgsize))
		return -EINVAL;
	if (check_mul_overflow(pgsize, pgcount, size))
		return -EINVAL;
	if (iova >= limit || *size > limit - iova)
		return -EINVAL;
	return 0;
}

/* End of the part of [@iova, @end) inside the 1 MiB section of @iova */
static u64 exynos_pt_chunk_end(u64 iova, u64 end)
{
	return min(end, ALIGN_DOWN(iova, SZ_1M) + SZ_1M);
}

/* Whether no page of [@iova, @iova + @size) is mapped */
static bool exynos_pt_pages_free(const struct exynos_pt *pt, u64 iova,
				 u64 size)
{
	u64 end = iova + size, next;
	unsigned int i, n;
	__le32 *table;
	u32 ent;

	for (; iova < end; iova = next) {
		next = exynos_pt_chunk_end(iova, end);
		ent = exynos_pt_get(exynos_pt_lv1_ent(pt, iova));
		if (exynos_pt_lv1_is_sect(ent))
			return false;
		if (!exynos_pt_lv1_is_table(pt, ent))
			continue;
		table = exynos_pt_lv2_ent(pt, ent, iova);
		n = (next - iova) / SZ_4K;
		for (i = 0; i < n; i++)
			if (!exynos_pt_lv2_is_fault(exynos_pt_get(table + i)))
				return false;
	}
	return true;
}

/*
 * Under the lock, link the @nr_spare tables of @spare into the invalid
 * level-1 entries from *@idx on, up to @last; then sync and flush what was
 * linked. *@idx is left at the first entry not looked at, *@nr_linked says
 * how many of @spare were used.
 */
static int exynos_pt_link_batch(struct exynos_pt *pt, unsigned int *idx,
				unsigned int last, __le32 **spare,
				unsigned int nr_spare, unsigned int *nr_linked)
{
	unsigned int linked[EXYNOS_PT_BATCH];
	unsigned int i, n = 0;
	unsigned long flags;
	int ret = 0;
	u32 ent;

	spin_lock_irqsave(&pt->lock, flags);
	for (; *idx <= last; (*idx)++) {
		ent = exynos_pt_get(pt->lv1 + *idx);
		if (exynos_pt_lv1_is_table(pt, ent))
			continue;
		if (exynos_pt_lv1_is_sect(ent)) {
			ret = -EEXIST;
			break;
		}
		if (n == nr_spare)
			break;
		if (!n)
			write_seqcount_begin(&pt->seq);
		exynos_pt_set(pt->lv1 + *idx, exynos_pt_mk_table(pt, spare[n]));
		linked[n++] = *idx;
	}
	if (n) {
		exynos_pt_sync_lv1(pt, linked[0], linked[n - 1]);
		for (i = 0; i < n; i++)
			exynos_pt_flush_lv1(pt, linked[i]);
		write_seqcount_end(&pt->seq);
	}
	spin_unlock_irqrestore(&pt->lock, flags);

	*nr_linked = n;
	return ret;
}

/*
 * Whether level-1 entries @first to @last all link level-2 tables that were
 * synced and flushed, without taking the lock: no linking may have been under
 * way while they were read.
 */
static bool exynos_pt_tables_published(struct exynos_pt *pt,
				       unsigned int first, unsigned int last)
{
	unsigned int i, seq;

	seq = read_seqcount_begin(&pt->seq);
	for (i = first; i <= last; i++)
		if (!exynos_pt_lv1_is_table(pt, exynos_pt_get(pt->lv1 + i)))
			return false;
	return !read_seqcount_retry(&pt->seq, seq);
}

/*
 * Make sure level-1 entries @first to @last all link a level-2 table, synced
 * and flushed. Tables are allocated outside the lock, up to EXYNOS_PT_BATCH
 * at a time, and linked under it: one sync of level 1 per batch.
 */
static int exynos_pt_link_tables(struct exynos_pt *pt, unsigned int first,
				 unsigned int last, gfp_t gfp)
{
	unsigned int idx = first, i, want, nr_spare, nr_linked;
	__le32 *spare[EXYNOS_PT_BATCH];
	int ret = 0;
	u32 ent;

	if (exynos_pt_tables_published(pt, first, last))
		return 0;

	while (!ret && idx <= last) {
		/*
		 * Counted without the lock: other threads only ever link
		 * tables meanwhile, so this is enough for the next batch.
		 */
		want = 0;
		for (i = idx; i <= last && want < EXYNOS_PT_BATCH; i++) {
			ent = exynos_pt_get(pt->lv1 + i);
			want += exynos_pt_lv1_is_invalid(pt, ent);
		}

		for (nr_spare = 0; nr_spare < want; nr_spare++) {
			spare[nr_spare] = exynos_pt_alloc_lv2(pt, gfp);
			if (IS_ERR(spare[nr_spare])) {
				ret = PTR_ERR(spare[nr_spare]);
				break;
			}
		}

		nr_linked = 0;
		if (!ret)
			ret = exynos_pt_link_batch(pt, &idx, last, spare,
						   nr_spare, &nr_linked);
		while (nr_spare > nr_linked)
			exynos_pt_free_lv2(pt, spare[--nr_spare]);
	}
	return ret;
}

/*
 * Write @n level-2 entries from @table on for the @pgsize pages from @paddr
 * on: each next page's entry is the previous one plus the page size, and a
 * large page is 16 copies of its entry.
 */
static void exynos_pt_fill_lv2(const struct exynos_pt *pt, __le32 *table,
			       unsigned int n, u64 paddr, size_t pgsize,
			       u32 prot_bits)
{
	u32 ent = exynos_pt_mk_page(pt, paddr, pgsize, prot_bits);
	u32 step = exynos_pt_addr(pt, pgsize);
	unsigned int i, j;

	if (pgsize == SZ_4K) {
		for (i = 0; i < n; i++, ent += step)
			exynos_pt_set(table + i, ent);
		return;
	}
	for (i = 0; i < n; i += EXYNOS_LPAGE_ENTRIES, ent += step)
		for (j = 0; j < EXYNOS_LPAGE_ENTRIES; j++)
			exynos_pt_set(table + i + j, ent);
}

static int exynos_pt_map_pages(struct exynos_pt *pt, u64 iova, u64 paddr,
			       size_t pgsize, u64 size, int prot, gfp_t gfp)
{
	u32 prot_bits = exynos_pt_prot(pt, prot, false);
	u64 end = iova + size, next;
	__le32 *table;
	unsigned int n;
	u32 ent;
	int ret;

	if (!exynos_pt_pages_free(pt, iova, size))
		return -EEXIST;

	ret = exynos_pt_link_tables(pt, exynos_pt_lv1_index(iova),
				    exynos_pt_lv1_index(end - 1), gfp);
	if (ret)
		return ret;

	for (; iova < end; iova = next, paddr += n * SZ_4K) {
		next = exynos_pt_chunk_end(iova, end);
		ent = exynos_pt_get(exynos_pt_lv1_ent(pt, iova));
		table = exynos_pt_lv2_ent(pt, ent, iova);
		n = (next - iova) / SZ_4K;
		exynos_pt_fill_lv2(pt, table, n, paddr, pgsize, prot_bits);
		exynos_pt_sync(pt, table, n * sizeof(__le32));
	}
	return 0;
}

static int exynos_pt_map_sects(struct exynos_pt *pt, u64 iova, u64 paddr,
			       u64 size, int prot)
{
	u32 prot_bits = exynos_pt_prot(pt, prot, true);
	unsigned int first = exynos_pt_lv1_index(iova);
	unsigned int nr = size / SZ_1M, i, start, nr_old = 0;
	__le32 *old[EXYNOS_PT_BATCH];
	unsigned long flags;
	int ret = 0;
	u32 ent;

	spin_lock_irqsave(&pt->lock, flags);
	for (i = 0; i < nr; i++) {
		ent = exynos_pt_get(pt->lv1 + first + i);
		if (exynos_pt_lv1_is_sect(ent) ||
		    (exynos_pt_lv1_is_table(pt, ent) &&
		     !exynos_pt_lv2_empty(exynos_pt_lv2_table(pt, ent)))) {
			ret = -EEXIST;
			goto out_unlock;
		}
	}

	/*
	 * A replaced table may be cached by the walker until flush_lv1, so it
	 * is freed only after that; EXYNOS_PT_BATCH of them end a run.
	 */
	for (i = 0, start = 0; i < nr; i++) {
		ent = exynos_pt_get(pt->lv1 + first + i);
		if (exynos_pt_lv1_is_table(pt, ent))
			old[nr_old++] = exynos_pt_lv2_table(pt, ent);
		exynos_pt_set(pt->lv1 + first + i,
			      exynos_pt_mk_sect(pt, paddr + (u64)i * SZ_1M,
						prot_bits));
		if (nr_old < EXYNOS_PT_BATCH && i + 1 < nr)
			continue;

		exynos_pt_sync_lv1(pt, first + start, first + i);
		for (; start <= i; start++)
			exynos_pt_flush_lv1(pt, first + start);
		while (nr_old)
			exynos_pt_free_lv2(pt, old[--nr_old]);
	}
out_unlock:
	spin_unlock_irqrestore(&pt->lock, flags);
	return ret;
}

/**
 * exynos_pt_map() - map a run of pages
 * @pt: the page table
 * @iova: IOVA of the first page, aligned to @pgsize
 * @paddr: physical address of the first page, aligned to @pgsize
 * @pgsize: SZ_4K, SZ_64K or SZ_1M
 * @pgcount: number of pages, at least 1
 * @prot: IOMMU_READ and/or IOMMU_WRITE; other flags are ignored
 * @gfp: flags for allocating level-2 tables
 * @mapped: if not NULL, set to the number of bytes mapped
 *
 * Maps the whole run in one call, linking new level-2 tables as needed, or
 * nothing at all. May be called concurrently with operations on disjoint
 * ranges; see the top of this file.
 *
 * Return: 0 on success; -EINVAL for a bad @pgsize, alignment, range or
 * @prot; -ERANGE if the entries cannot hold @paddr; -EEXIST if any page of
 * the range is mapped; -ENOMEM (or the error of table_added) if a level-2
 * table could not be allocated. Nothing is mapped on error.
 */
int exynos_pt_map(struct exynos_pt *pt, unsigned long iova, phys_addr_t paddr,
		  size_t pgsize, size_t pgcount, int prot, gfp_t gfp,
		  size_t *mapped)
{
	size_t size;
	int ret;

	if (mapped)
		*mapped = 0;

	ret = exynos_pt_check_range(pt, iova, pgsize, pgcount, &size);
	if (ret)
		return ret;
	if (!IS_ALIGNED(paddr, pgsize) || !(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if (!exynos_pt_pa_ok(pt, paddr, size))
		return -ERANGE;

	if (pgsize == SZ_1M)
		ret = exynos_pt_map_sects(pt, iova, paddr, size, prot);
	else
		ret = exynos_pt_map_pages(pt, iova, paddr, pgsize, size, prot,
					  gfp);
	if (!ret && mapped)
		*mapped = size;
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_map);

/* Unmap */

/*
 * Clear the longest run of whole @pgsize units of the @size bytes mapped by
 * level-2 entries from @table on, all in one level-2 table. Return the bytes
 * cleared; *@partial is set if the run ends at a large page @pgsize is too
 * small for.
 */
static u64 exynos_pt_unmap_pages(const struct exynos_pt *pt, __le32 *table,
				 u64 size, size_t pgsize, bool *partial)
{
	unsigned int n = size / SZ_4K, i, j;
	u32 ent;

	for (i = 0; i < n; i++) {
		ent = exynos_pt_get(table + i);
		if (exynos_pt_lv2_is_fault(ent))
			break;
		if (exynos_pt_lv2_is_large(ent) && pgsize < SZ_64K) {
			*partial = true;
			break;
		}
	}

	i = ALIGN_DOWN(i, pgsize / SZ_4K);
	for (j = 0; j < i; j++)
		exynos_pt_set(table + j, 0);
	if (i)
		exynos_pt_sync(pt, table, i * sizeof(__le32));
	return (u64)i * SZ_4K;
}

/**
 * exynos_pt_unmap() - unmap a run of pages
 * @pt: the page table
 * @iova: IOVA of the first page, aligned to @pgsize
 * @pgsize: SZ_4K, SZ_64K or SZ_1M
 * @pgcount: number of pages
 *
 * Unmaps whole @pgsize units from @iova on and stops at the first unit that
 * is not entirely mapped, or that is only part of a larger mapping: partial
 * unmap of a large page or section is refused. Empty level-2 tables stay
 * linked. No TLB is invalidated: that is the caller's job.
 *
 * Return: the number of bytes unmapped, 0 if the first unit could not be
 * unmapped or the request is invalid.
 */
size_t exynos_pt_unmap(struct exynos_pt *pt, unsigned long iova,
		       size_t pgsize, size_t pgcount)
{
	unsigned int lv1_first = 0, lv1_last = 0, idx;
	bool lv1_written = false, partial = false;
	u64 cur = iova, end, next, done;
	__le32 *table;
	size_t size;
	u32 ent;

	if (exynos_pt_check_range(pt, iova, pgsize, pgcount, &size))
		return 0;

	for (end = cur + size; cur < end; cur += done) {
		next = exynos_pt_chunk_end(cur, end);
		idx = exynos_pt_lv1_index(cur);
		ent = exynos_pt_get(pt->lv1 + idx);
		if (exynos_pt_lv1_is_sect(ent)) {
			if (pgsize != SZ_1M) {
				partial = true;
				break;
			}
			exynos_pt_set(pt->lv1 + idx, pt->lv1_invalid);
			if (!lv1_written)
				lv1_first = idx;
			lv1_last = idx;
			lv1_written = true;
			done = SZ_1M;
		} else if (exynos_pt_lv1_is_table(pt, ent)) {
			table = exynos_pt_lv2_ent(pt, ent, cur);
			done = exynos_pt_unmap_pages(pt, table, next - cur,
						     pgsize, &partial);
		} else {
			break;
		}
		if (cur + done != next) {
			cur += done;
			break;
		}
	}

	if (lv1_written)
		exynos_pt_sync_lv1(pt, lv1_first, lv1_last);
	if (partial)
		pr_warn_ratelimited("refused to unmap part of a larger mapping at %#llx\n",
				    cur);
	return cur - iova;
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_unmap);

/**
 * exynos_pt_iova_to_phys() - translate an IOVA
 * @pt: the page table
 * @iova: the IOVA
 *
 * Return: the physical address @iova maps to, including its offset in the
 * page, or 0 if it is not mapped.
 */
phys_addr_t exynos_pt_iova_to_phys(struct exynos_pt *pt, unsigned long iova)
{
	u64 size;
	u32 ent;

	if (iova >= exynos_pt_iova_limit(pt))
		return 0;

	ent = exynos_pt_get(exynos_pt_lv1_ent(pt, iova));
	if (exynos_pt_lv1_is_sect(ent)) {
		size = SZ_1M;
	} else if (exynos_pt_lv1_is_table(pt, ent)) {
		ent = exynos_pt_get(exynos_pt_lv2_ent(pt, ent, iova));
		if (exynos_pt_lv2_is_small(ent))
			size = SZ_4K;
		else if (exynos_pt_lv2_is_large(ent))
			size = SZ_64K;
		else
			return 0;
	} else {
		return 0;
	}
	return exynos_pt_ent_pa(pt, ent, size) + (iova & (size - 1));
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_iova_to_phys);

/* Dump */

struct exynos_pt_run {
	u64 iova;
	u64 pa;
	u64 size;
	u64 pgsize;
	unsigned int count;
	int prot;
};

static void exynos_pt_dump_run(struct seq_file *s, struct exynos_pt_run *run)
{
	if (!run->size)
		return;
	seq_printf(s, "%#011llx-%#011llx -> %#011llx %3s x%u %c%c\n",
		   run->iova, run->iova + run->size - 1, run->pa,
		   run->pgsize == SZ_1M ? "1M" :
		   run->pgsize == SZ_64K ? "64K" : "4K",
		   run->count,
		   run->prot & IOMMU_READ ? 'r' : '-',
		   run->prot & IOMMU_WRITE ? 'w' : '-');
	run->size = 0;
}

static void exynos_pt_dump_add(struct seq_file *s, struct exynos_pt_run *run,
			       u64 iova, u64 pa, u64 pgsize, int prot)
{
	if (run->size && run->iova + run->size == iova &&
	    run->pa + run->size == pa && run->pgsize == pgsize &&
	    run->prot == prot) {
		run->size += pgsize;
		run->count++;
		return;
	}
	exynos_pt_dump_run(s, run);
	*run = (struct exynos_pt_run){
		.iova = iova, .pa = pa, .size = pgsize, .pgsize = pgsize,
		.count = 1, .prot = prot,
	};
}

static void exynos_pt_dump_lv2(const struct exynos_pt *pt, struct seq_file *s,
			       struct exynos_pt_run *run, const __le32 *table,
			       u64 iova)
{
	unsigned int i, step;
	u64 pgsize;
	u32 ent;

	for (i = 0; i < EXYNOS_LV2_ENTRIES; i += step) {
		ent = exynos_pt_get(table + i);
		step = 1;
		if (exynos_pt_lv2_is_fault(ent))
			continue;
		pgsize = SZ_4K;
		if (exynos_pt_lv2_is_large(ent)) {
			pgsize = SZ_64K;
			step = ALIGN(i + 1, EXYNOS_LPAGE_ENTRIES) - i;
		}
		exynos_pt_dump_add(s, run, ALIGN_DOWN(iova + i * SZ_4K, pgsize),
				   exynos_pt_ent_pa(pt, ent, pgsize), pgsize,
				   exynos_pt_ent_prot(pt, ent, false));
	}
}

/**
 * exynos_pt_dump() - print the mappings of a page table
 * @pt: the page table
 * @s: where to print
 *
 * Prints one line per run of mappings of the same page size and permissions
 * that is contiguous in both IOVA and physical address:
 * "first-last -> pa size xcount rw". May run concurrently with any
 * operation but exynos_pt_free(); the result is then a snapshot of each
 * level-2 table, not of the whole page table.
 */
void exynos_pt_dump(struct exynos_pt *pt, struct seq_file *s)
{
	struct exynos_pt_run run = { };
	unsigned long flags;
	unsigned int i;
	u64 iova, pa;
	u32 ent;

	for (i = 0; i < pt->lv1_entries; i++) {
		iova = exynos_pt_lv1_iova(i);
		ent = exynos_pt_get(pt->lv1 + i);
		if (exynos_pt_lv1_is_sect(ent)) {
			pa = exynos_pt_ent_pa(pt, ent, SZ_1M);
			exynos_pt_dump_add(s, &run, iova, pa, SZ_1M,
					   exynos_pt_ent_prot(pt, ent, true));
		} else if (exynos_pt_lv1_is_table(pt, ent)) {
			/* Under the lock, a section cannot replace it */
			spin_lock_irqsave(&pt->lock, flags);
			ent = exynos_pt_get(pt->lv1 + i);
			if (exynos_pt_lv1_is_table(pt, ent))
				exynos_pt_dump_lv2(pt, s, &run,
						   exynos_pt_lv2_table(pt, ent),
						   iova);
			spin_unlock_irqrestore(&pt->lock, flags);
		}
	}
	exynos_pt_dump_run(s, &run);
}
EXPORT_SYMBOL_IF_KUNIT(exynos_pt_dump);

/**
 * exynos_pt_init() - set up what all page tables share
 *
 * Must be called, and succeed, before any other function of this file.
 *
 * Return: 0 or -ENOMEM.
 */
int exynos_pt_init(void)
{
	exynos_pt_lv2_cache = kmem_cache_create("exynos-sysmmu-lv2",
						EXYNOS_LV2_SIZE,
						EXYNOS_LV2_SIZE, 0, NULL);
	return exynos_pt_lv2_cache ? 0 : -ENOMEM;
}

/**
 * exynos_pt_exit() - undo exynos_pt_init()
 *
 * All page tables must have been freed.
 */
void exynos_pt_exit(void)
{
	kmem_cache_destroy(exynos_pt_lv2_cache);
	exynos_pt_lv2_cache = NULL;
}
