/*
 * Placing Exynos System MMU instances and DMA test masters on a board
 *
 * Copyright (c) 2025 The exynos-sysmmu workbench authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/qdev-properties.h"
#include "hw/sysbus.h"
#include "hw/misc/exynos_sysmmu.h"

#define EXYNOS_SYSMMU_PLACE_MAX_MMUS    16
#define EXYNOS_SYSMMU_PLACE_MAX_MASTERS 8

bool exynos_sysmmu_place(const char *spec, hwaddr mmu_base, hwaddr dma_base,
                         DeviceState *intc, int mmu_irq, int dma_irq,
                         Error **errp)
{
    g_auto(GStrv) masters = g_strsplit(spec, ":", -1);
    unsigned int n = 0, m;

    if (g_strv_length(masters) > EXYNOS_SYSMMU_PLACE_MAX_MASTERS) {
        error_setg(errp, "exynos-sysmmu: at most %d masters",
                   EXYNOS_SYSMMU_PLACE_MAX_MASTERS);
        return false;
    }
    for (m = 0; masters[m]; m++) {
        g_auto(GStrv) families = g_strsplit(masters[m], "+", -1);
        DeviceState *dma = qdev_new(TYPE_EXYNOS_SYSMMU_DMA);
        unsigned int p;

        if (g_strv_length(families) > EXYNOS_SYSMMU_DMA_PORTS) {
            error_setg(errp, "exynos-sysmmu: at most %d instances per master",
                       EXYNOS_SYSMMU_DMA_PORTS);
            return false;
        }
        for (p = 0; families[p]; p++, n++) {
            DeviceState *mmu;
            g_autofree char *link = g_strdup_printf("mmu%u", p);

            if (n == EXYNOS_SYSMMU_PLACE_MAX_MMUS) {
                error_setg(errp, "exynos-sysmmu: at most %d instances",
                           EXYNOS_SYSMMU_PLACE_MAX_MMUS);
                return false;
            }
            mmu = qdev_new(TYPE_EXYNOS_SYSMMU);
            qdev_prop_set_string(mmu, "family", families[p]);
            if (!strcmp(families[p], "v9")) {
                qdev_prop_set_uint8(mmu, "va-bits", 36);
            }
            if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(mmu), errp)) {
                return false;
            }
            sysbus_mmio_map(SYS_BUS_DEVICE(mmu), 0,
                            mmu_base + n * EXYNOS_SYSMMU_MMIO_SIZE);
            sysbus_connect_irq(SYS_BUS_DEVICE(mmu), 0,
                               qdev_get_gpio_in(intc, mmu_irq + n));
            object_property_set_link(OBJECT(dma), link, OBJECT(mmu),
                                     &error_abort);
        }
        if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(dma), errp)) {
            return false;
        }
        sysbus_mmio_map(SYS_BUS_DEVICE(dma), 0,
                        dma_base + m * EXYNOS_SYSMMU_DMA_MMIO_SIZE);
        sysbus_connect_irq(SYS_BUS_DEVICE(dma), 0,
                           qdev_get_gpio_in(intc, dma_irq + m));
    }
    return true;
}
