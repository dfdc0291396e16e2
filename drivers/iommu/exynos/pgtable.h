/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exynos System MMU page-table format.
 *
 * Two levels of 32-bit little-endian entries: a level-1 table of 4096
 * (32-bit IOVA) or 65536 (36-bit IOVA) entries, each covering 1 MiB, and
 * level-2 tables of 256 entries, each covering 4 KiB. Mappings are 4 KiB
 * small pages, 64 KiB large pages (16 identical level-2 entries) and 1 MiB
 * sections. The format code never touches registers: cache maintenance and
 * walk-cache invalidation reach the caller through &struct exynos_pt_ops.
 */
#ifndef __EXYNOS_SYSMMU_PGTABLE_H
#define __EXYNOS_SYSMMU_PGTABLE_H

#include <linux/sizes.h>
#include <linux/types.h>

struct seq_file;

#define EXYNOS_PT_PGSIZES	(SZ_4K | SZ_64K | SZ_1M)

/**
 * enum exynos_pt_prot_fmt - how access permissions are encoded in entries
 * @EXYNOS_PT_PROT_V1: System MMU v1-v3: level-1 bits 15/10, level-2 bits
 *	9/4; there is no write-only permission, write implies read.
 * @EXYNOS_PT_PROT_V5: System MMU v5 and later: a 2-bit read/write field,
 *	level-1 bits 5:4, level-2 bits 3:2.
 */
enum exynos_pt_prot_fmt {
	EXYNOS_PT_PROT_V1,
	EXYNOS_PT_PROT_V5,
};

/**
 * struct exynos_pt_ops - what the format needs from its user
 * @table_added: optional; a new table of @size bytes at @table is about to
 *	be linked into the walk (for example, map it for the walker's DMA).
 *	A non-zero return aborts the operation that needed the table. The
 *	table is then passed to @sync whole, before it is linked, so
 *	@table_added need not make its contents visible itself. The level-1
 *	table is the only one whose @size is a multiple of PAGE_SIZE: it is
 *	allocated with iommu_alloc_pages_sz(), level-2 tables are not.
 * @table_removed: optional; a table passed to @table_added is unlinked and
 *	about to be freed (the level-1 table with iommu_free_pages()).
 * @sync: optional; entries in [@ptr, @ptr + @size) were written and must be
 *	made visible to a non-coherent walker. Called once per contiguous run
 *	of entries written, never once per entry. NULL for coherent walkers.
 * @flush_lv1: optional; the level-1 entry covering @iova changed from
 *	invalid to valid and any cached copy of it must be dropped (the FLPD
 *	cache of System MMU v3.3 and later). Also called when a section
 *	replaces a link to an empty level-2 table; that table is freed as soon
 *	as this returns, so the walker must not use a cached link to it after.
 */
struct exynos_pt_ops {
	int (*table_added)(void *cookie, void *table, size_t size);
	void (*table_removed)(void *cookie, void *table, size_t size);
	void (*sync)(void *cookie, void *ptr, size_t size);
	void (*flush_lv1)(void *cookie, unsigned long iova);
};

/**
 * struct exynos_pt_cfg - parameters of one page table, fixed at allocation
 * @ias: input address bits, 32 (4096 level-1 entries) or 36 (65536)
 * @pte_shift: right shift of physical addresses stored in entries: 0 on
 *	System MMU v1-v3 (32-bit PA), 4 on v5 and later (36-bit PA)
 * @prot_fmt: permission encoding
 * @zero_lv2: point invalid level-1 entries at a shared all-invalid level-2
 *	table instead of leaving them invalid; System MMU v3.3 caches level-1
 *	entries speculatively and must never cache an invalid one
 * @ops: callbacks, may be NULL when none are needed
 * @cookie: passed to every callback
 */
struct exynos_pt_cfg {
	unsigned int ias;
	unsigned int pte_shift;
	enum exynos_pt_prot_fmt prot_fmt;
	bool zero_lv2;
	const struct exynos_pt_ops *ops;
	void *cookie;
};

struct exynos_pt;

struct exynos_pt *exynos_pt_alloc(const struct exynos_pt_cfg *cfg, gfp_t gfp);
void exynos_pt_free(struct exynos_pt *pt);
phys_addr_t exynos_pt_base(const struct exynos_pt *pt);
u64 exynos_pt_iova_limit(const struct exynos_pt *pt);
int exynos_pt_map(struct exynos_pt *pt, unsigned long iova, phys_addr_t paddr,
		  size_t pgsize, size_t pgcount, int prot, gfp_t gfp,
		  size_t *mapped);
size_t exynos_pt_unmap(struct exynos_pt *pt, unsigned long iova,
		       size_t pgsize, size_t pgcount);
phys_addr_t exynos_pt_iova_to_phys(struct exynos_pt *pt, unsigned long iova);
void exynos_pt_dump(struct exynos_pt *pt, struct seq_file *s);

int exynos_pt_init(void);
void exynos_pt_exit(void);

#endif /* __EXYNOS_SYSMMU_PGTABLE_H */
