// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recording register models of System MMU instances for the KUnit suites.
 *
 * A model is registered for an instance address before the instance
 * probes and is withdrawn when the test ends. It stores what is written,
 * answers reads with what was stored (or preset), reports "blocked" while
 * CTRL requests a block, and clears fault status bits written to the clear
 * register, like the hardware.
 */

#include <kunit/resource.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "test_model.h"

static struct sysmmu_test_model *to_model(struct sysmmu_mmio_model *mmio)
{
	return container_of(mmio, struct sysmmu_test_model, mmio);
}

static u32 sysmmu_test_model_read(struct sysmmu_mmio_model *mmio, u32 off)
{
	struct sysmmu_test_model *m = to_model(mmio);
	unsigned long flags;
	u32 val;

	if (WARN_ON(off >= SYSMMU_TEST_MODEL_SIZE || off % 4))
		return 0;
	spin_lock_irqsave(&m->lock, flags);
	m->nr_reads++;
	val = m->regs[off / 4];
	if (m->pmmu_banked && off == SYSMMU_TEST_V9_PMMU_INFO)
		val = m->pmmu_info[m->regs[SYSMMU_TEST_V9_PMMU_INDICATOR / 4] %
				   ARRAY_SIZE(m->pmmu_info)];
	if (off == SYSMMU_REG_STATUS) {
		val &= ~SYSMMU_STATUS_BLOCKED;
		if ((m->regs[SYSMMU_REG_CTRL / 4] & SYSMMU_CTRL_BLOCK) &&
		    !m->never_blocks)
			val |= SYSMMU_STATUS_BLOCKED;
	}
	spin_unlock_irqrestore(&m->lock, flags);
	return val;
}

static void sysmmu_test_model_write(struct sysmmu_mmio_model *mmio, u32 off,
				    u32 val)
{
	struct sysmmu_test_model *m = to_model(mmio);
	unsigned long flags;

	if (WARN_ON(off >= SYSMMU_TEST_MODEL_SIZE || off % 4))
		return;
	spin_lock_irqsave(&m->lock, flags);
	m->nr_writes++;
	if (m->nr_log < SYSMMU_TEST_LOG_MAX)
		m->log[m->nr_log++] = (struct sysmmu_test_access){ off, val };
	if (m->int_clear && off == m->int_clear)
		m->regs[m->int_status / 4] &= ~val;
	else
		m->regs[off / 4] = val;
	spin_unlock_irqrestore(&m->lock, flags);
}

static void sysmmu_test_model_release(void *data)
{
	struct sysmmu_test_model *m = data;

	sysmmu_model_unregister(&m->mmio);
	kvfree(m->log);
	kvfree(m->regs);
	kfree(m);
}

/**
 * sysmmu_test_model_add() - stand a model in for the instance at @base
 * @test: the test; the model goes away when it ends
 * @base: instance register address, as in the devicetree's reg
 * @version: VERSION register value (see SYSMMU_TEST_VERSION())
 * @capa0: CAPA0 register value
 * @capa1: CAPA1 register value
 *
 * Fails the test if the model cannot be set up.
 *
 * Return: the model.
 */
struct sysmmu_test_model *sysmmu_test_model_add(struct kunit *test,
						phys_addr_t base, u32 version,
						u32 capa0, u32 capa1)
{
	struct sysmmu_test_model *m;

	m = kzalloc_obj(*m, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->regs = kvzalloc(SYSMMU_TEST_MODEL_SIZE, GFP_KERNEL);
	m->log = kvcalloc(SYSMMU_TEST_LOG_MAX, sizeof(*m->log), GFP_KERNEL);
	if (!m->regs || !m->log) {
		kvfree(m->regs);
		kvfree(m->log);
		kfree(m);
		KUNIT_FAIL_AND_ABORT(test, "no memory for a register model");
	}
	spin_lock_init(&m->lock);
	m->test = test;
	m->base = base;
	m->mmio.read = sysmmu_test_model_read;
	m->mmio.write = sysmmu_test_model_write;
	m->regs[SYSMMU_REG_VERSION / 4] = version;
	m->regs[SYSMMU_REG_CAPA0 / 4] = capa0;
	m->regs[SYSMMU_REG_CAPA1 / 4] = capa1;
	if (sysmmu_model_register(&m->mmio, base)) {
		sysmmu_test_model_release(m);
		KUNIT_FAIL_AND_ABORT(test, "address %pa already modelled", &base);
	}
	KUNIT_ASSERT_EQ(test, 0,
			kunit_add_action_or_reset(test, sysmmu_test_model_release,
						  m));
	return m;
}

/**
 * sysmmu_test_model_clear_log() - forget recorded accesses
 * @m: the model
 */
void sysmmu_test_model_clear_log(struct sysmmu_test_model *m)
{
	unsigned long flags;

	spin_lock_irqsave(&m->lock, flags);
	m->nr_log = 0;
	m->nr_writes = 0;
	m->nr_reads = 0;
	spin_unlock_irqrestore(&m->lock, flags);
}

/**
 * sysmmu_test_model_writes_to() - count recorded writes to one register
 * @m: the model
 * @off: register offset
 *
 * Return: the number of writes to @off in the log.
 */
unsigned int sysmmu_test_model_writes_to(struct sysmmu_test_model *m, u32 off)
{
	unsigned int i, n = 0;
	unsigned long flags;

	spin_lock_irqsave(&m->lock, flags);
	for (i = 0; i < m->nr_log; i++)
		n += m->log[i].off == off;
	spin_unlock_irqrestore(&m->lock, flags);
	return n;
}

/**
 * sysmmu_test_model_get() - read a register without recording it
 * @m: the model
 * @off: register offset
 *
 * Return: the stored value.
 */
u32 sysmmu_test_model_get(struct sysmmu_test_model *m, u32 off)
{
	unsigned long flags;
	u32 val;

	spin_lock_irqsave(&m->lock, flags);
	val = m->regs[off / 4];
	spin_unlock_irqrestore(&m->lock, flags);
	return val;
}

/**
 * sysmmu_test_model_set() - set a register as the hardware would
 * @m: the model
 * @off: register offset
 * @val: new value
 */
void sysmmu_test_model_set(struct sysmmu_test_model *m, u32 off, u32 val)
{
	unsigned long flags;

	spin_lock_irqsave(&m->lock, flags);
	m->regs[off / 4] = val;
	spin_unlock_irqrestore(&m->lock, flags);
}

/**
 * sysmmu_test_model_v9_pmmus() - make a model report v9 page-table walkers
 * @m: the model
 * @swalker_info: SWALKER_INFO value (number of PMMUs)
 * @pmmu_info: PMMU_INFO value of every PMMU
 */
void sysmmu_test_model_v9_pmmus(struct sysmmu_test_model *m, u32 swalker_info,
				u32 pmmu_info)
{
	unsigned long flags;
	unsigned int p;

	spin_lock_irqsave(&m->lock, flags);
	m->regs[SYSMMU_TEST_V9_SWALKER_INFO / 4] = swalker_info;
	m->pmmu_banked = true;
	for (p = 0; p < ARRAY_SIZE(m->pmmu_info); p++)
		m->pmmu_info[p] = pmmu_info;
	spin_unlock_irqrestore(&m->lock, flags);
}
