// SPDX-License-Identifier: GPL-2.0-only
/*
 * Register models for the KUnit suites.
 *
 * A suite registers a model for an instance's register address before the
 * instance probes; the member then talks to the model instead of mapping
 * the address. Built only with CONFIG_EXYNOS_IOMMU_KUNIT_TEST.
 */

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "exynos-sysmmu.h"

struct sysmmu_model_entry {
	struct list_head node;
	struct sysmmu_mmio_model *model;
	phys_addr_t base;
};

static LIST_HEAD(sysmmu_models);
static DEFINE_MUTEX(sysmmu_models_lock);

/**
 * sysmmu_model_find() - the model registered for a register address
 * @base: physical address of the instance's registers
 *
 * Return: the model, or NULL to use the hardware.
 */
struct sysmmu_mmio_model *sysmmu_model_find(phys_addr_t base)
{
	struct sysmmu_mmio_model *model = NULL;
	struct sysmmu_model_entry *e;

	mutex_lock(&sysmmu_models_lock);
	list_for_each_entry(e, &sysmmu_models, node) {
		if (e->base == base) {
			model = e->model;
			break;
		}
	}
	mutex_unlock(&sysmmu_models_lock);
	return model;
}

/**
 * sysmmu_model_register() - stand a model in for the instance at @base
 * @model: the model
 * @base: physical address of the instance's registers
 *
 * Return: 0, -EBUSY if @base already has one, or -ENOMEM.
 */
int sysmmu_model_register(struct sysmmu_mmio_model *model, phys_addr_t base)
{
	struct sysmmu_model_entry *e;

	if (sysmmu_model_find(base))
		return -EBUSY;
	e = kzalloc_obj(*e, GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->model = model;
	e->base = base;
	mutex_lock(&sysmmu_models_lock);
	list_add(&e->node, &sysmmu_models);
	mutex_unlock(&sysmmu_models_lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_register);

/**
 * sysmmu_model_unregister() - withdraw a model
 * @model: a model passed to sysmmu_model_register()
 */
void sysmmu_model_unregister(struct sysmmu_mmio_model *model)
{
	struct sysmmu_model_entry *e, *tmp;

	mutex_lock(&sysmmu_models_lock);
	list_for_each_entry_safe(e, tmp, &sysmmu_models, node) {
		if (e->model == model) {
			list_del(&e->node);
			kfree(e);
		}
	}
	mutex_unlock(&sysmmu_models_lock);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_unregister);
