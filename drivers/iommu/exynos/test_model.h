/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Recording register models of System MMU instances for the KUnit suites.
 */
#ifndef __EXYNOS_SYSMMU_TEST_MODEL_H
#define __EXYNOS_SYSMMU_TEST_MODEL_H

#include <kunit/test.h>

#include "exynos-sysmmu.h"

#define SYSMMU_TEST_MODEL_SIZE	SZ_64K
#define SYSMMU_TEST_LOG_MAX	4096

/**
 * struct sysmmu_test_access - one recorded register write
 * @off: register offset
 * @val: value written
 */
struct sysmmu_test_access {
	u32 off;
	u32 val;
};

/**
 * struct sysmmu_test_model - a register bank that records what it is told
 * @mmio: what the driver calls
 * @test: the test that owns the model
 * @base: the instance address it stands in for
 * @lock: protects everything below
 * @regs: register values, by offset / 4
 * @log: register writes in order (the first SYSMMU_TEST_LOG_MAX)
 * @nr_log: entries in @log
 * @nr_writes: writes since the last sysmmu_test_model_clear_log()
 * @nr_reads: reads since the last sysmmu_test_model_clear_log()
 * @int_status: offset of the fault status register (cleared by @int_clear)
 * @int_clear: offset of the write-one-to-clear fault clear register
 * @never_blocks: STATUS never reports "blocked" (block times out)
 * @pmmu_banked: v9: PMMU_INFO reads @pmmu_info of the PMMU selected by
 *	the last PMMU_INDICATOR write
 * @pmmu_info: v9: PMMU_INFO of each PMMU
 */
struct sysmmu_test_model {
	struct sysmmu_mmio_model mmio;
	struct kunit *test;
	phys_addr_t base;
	spinlock_t lock;	/* the model's registers and log */
	u32 *regs;
	struct sysmmu_test_access *log;
	unsigned int nr_log;
	unsigned int nr_writes;
	unsigned int nr_reads;
	u32 int_status;
	u32 int_clear;
	bool never_blocks;
	bool pmmu_banked;
	u32 pmmu_info[8];
};

/* v9 registers the model banks by PMMU. */
#define SYSMMU_TEST_V9_PMMU_INDICATOR	0x2ffc
#define SYSMMU_TEST_V9_PMMU_INFO	0x3000
#define SYSMMU_TEST_V9_SWALKER_INFO	0x3004

/* VERSION register values as the hardware reports them. */
#define SYSMMU_TEST_VERSION(major, minor) \
	((((major) << 7) | (minor)) << 21)

struct sysmmu_test_model *sysmmu_test_model_add(struct kunit *test,
						phys_addr_t base, u32 version,
						u32 capa0, u32 capa1);
void sysmmu_test_model_clear_log(struct sysmmu_test_model *m);
unsigned int sysmmu_test_model_writes_to(struct sysmmu_test_model *m, u32 off);
u32 sysmmu_test_model_get(struct sysmmu_test_model *m, u32 off);
void sysmmu_test_model_set(struct sysmmu_test_model *m, u32 off, u32 val);
void sysmmu_test_model_v9_pmmus(struct sysmmu_test_model *m, u32 swalker_info,
				u32 pmmu_info);

#endif /* __EXYNOS_SYSMMU_TEST_MODEL_H */
