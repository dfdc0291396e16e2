// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot demo of the Exynos System MMU driver: a DMA master behind an
 * aggregate of System MMU instances maps a buffer with the DMA API, then
 * checks what each instance would translate the IOVA to by reading the
 * page-table base the driver wrote to the instance's registers and walking
 * the tables in memory itself, independently of the driver's code, and
 * has the master copy the buffer by DMA through each instance.
 *
 * The hardware is QEMU's emulated System MMU and DMA test master
 * (tests/qemu), three v7 (non-VM) instances, so the register offsets below
 * are those of that layout.
 */

#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>

#define DEMO_REG_CTRL		0x000
#define DEMO_REG_PT_BASE	0x00c
#define DEMO_PT_BASE_SHIFT	12
#define DEMO_PTE_SHIFT		4

/* The DMA test master (tests/qemu/hw/misc/exynos_sysmmu_dma.c) */
#define DEMO_DMA_SRC_LO		0x08
#define DEMO_DMA_SRC_HI		0x0c
#define DEMO_DMA_DST_LO		0x10
#define DEMO_DMA_DST_HI		0x14
#define DEMO_DMA_LEN		0x18
#define DEMO_DMA_PORTS		0x1c
#define DEMO_DMA_CMD		0x20
#define DEMO_DMA_STATUS		0x24
#define   DEMO_DMA_BUSY		BIT(0)
#define   DEMO_DMA_DONE		BIT(1)
#define   DEMO_DMA_ERROR	BIT(2)
#define DEMO_INSTANCES	3

static unsigned int demo_passed, demo_failed;

static void demo_result(struct device *dev, bool ok, const char *what)
{
	if (ok)
		demo_passed++;
	else
		demo_failed++;
	dev_info(dev, "%s: %s\n", ok ? "PASS" : "FAIL", what);
}

/* Walk the two-level table the way the hardware does; 0 if unmapped. */
static phys_addr_t demo_walk(phys_addr_t lv1, u64 iova)
{
	u32 ent = le32_to_cpu(((__le32 *)phys_to_virt(lv1))[iova >> 20]);
	phys_addr_t pa = (phys_addr_t)ent << DEMO_PTE_SHIFT;

	switch (ent & 3) {
	case 2:		/* 1 MiB section */
		return (pa & ~(phys_addr_t)(SZ_1M - 1)) | (iova & (SZ_1M - 1));
	case 1:		/* level-2 table */
		pa = ((phys_addr_t)(ent & ~0x3fu)) << DEMO_PTE_SHIFT;
		ent = le32_to_cpu(((__le32 *)phys_to_virt(pa))[(iova >> 12) & 0xff]);
		pa = (phys_addr_t)ent << DEMO_PTE_SHIFT;
		if (ent & 2)	/* 4 KiB page */
			return (pa & ~(phys_addr_t)(SZ_4K - 1)) | (iova & (SZ_4K - 1));
		if ((ent & 3) == 1)	/* 64 KiB page */
			return (pa & ~(phys_addr_t)(SZ_64K - 1)) | (iova & (SZ_64K - 1));
		return 0;
	default:
		return 0;
	}
}

enum demo_expect { DEMO_MAPPED, DEMO_UNMAPPED, DEMO_OFF };

/* Check every instance of the aggregate the master references. */
static void demo_check_instances(struct device *dev, dma_addr_t iova,
				 phys_addr_t want, enum demo_expect expect)
{
	struct device_node *grp, *child;
	char what[160];

	grp = of_parse_phandle(dev->of_node, "iommus", 0);
	if (!grp) {
		demo_result(dev, false, "master has an iommus phandle");
		return;
	}
	for_each_available_child_of_node(grp, child) {
		void __iomem *regs = of_iomap(child, 0);
		phys_addr_t lv1, got;
		u32 ctrl;

		if (!regs) {
			demo_result(dev, false, "instance registers mappable");
			continue;
		}
		/* Suppliers of a device link suspend asynchronously. */
		if (expect == DEMO_OFF)
			readl_poll_timeout(regs + DEMO_REG_CTRL, ctrl, !(ctrl & 1),
					   1000, 100000);
		ctrl = readl(regs + DEMO_REG_CTRL);
		lv1 = (phys_addr_t)readl(regs + DEMO_REG_PT_BASE) << DEMO_PT_BASE_SHIFT;
		got = lv1 ? demo_walk(lv1, iova) : 0;
		iounmap(regs);
		switch (expect) {
		case DEMO_MAPPED:
			snprintf(what, sizeof(what),
				 "%pOF: enabled (CTRL %#x), IOVA %pad -> PA %pa (buffer at %pa)",
				 child, ctrl, &iova, &got, &want);
			demo_result(dev, (ctrl & 1) && got == want, what);
			break;
		case DEMO_UNMAPPED:
			snprintf(what, sizeof(what),
				 "%pOF: IOVA %pad unmapped after dma_unmap_single",
				 child, &iova);
			demo_result(dev, (ctrl & 1) && !got, what);
			break;
		case DEMO_OFF:
			snprintf(what, sizeof(what),
				 "%pOF: disabled while the master is suspended (CTRL %#x)",
				 child, ctrl);
			demo_result(dev, !(ctrl & 1), what);
			break;
		}
	}
	of_node_put(grp);
}

/*
 * The master copies @len bytes from IOVA @src to IOVA @dst, reading through
 * instance (port) @rd and writing through @wr; the result must be in @out.
 */
static void demo_dma(struct device *dev, void __iomem *regs, dma_addr_t src,
		     dma_addr_t dst, const void *in, void *out, size_t len,
		     unsigned int rd, unsigned int wr)
{
	char what[160];
	u32 status;
	int ret;

	memset(out, 0, len);
	dma_sync_single_for_device(dev, dst, len, DMA_FROM_DEVICE);
	writel(lower_32_bits(src), regs + DEMO_DMA_SRC_LO);
	writel(upper_32_bits(src), regs + DEMO_DMA_SRC_HI);
	writel(lower_32_bits(dst), regs + DEMO_DMA_DST_LO);
	writel(upper_32_bits(dst), regs + DEMO_DMA_DST_HI);
	writel(len, regs + DEMO_DMA_LEN);
	writel(rd | wr << 4, regs + DEMO_DMA_PORTS);
	writel(1, regs + DEMO_DMA_CMD);
	ret = readl_poll_timeout(regs + DEMO_DMA_STATUS, status,
				 status & (DEMO_DMA_DONE | DEMO_DMA_ERROR),
				 100, 1000000);
	writel(status, regs + DEMO_DMA_STATUS);
	dma_sync_single_for_cpu(dev, dst, len, DMA_FROM_DEVICE);
	snprintf(what, sizeof(what),
		 "DMA of %zu bytes, IOVA %pad -> %pad, read through instance %u, written through instance %u (status %#x)",
		 len, &src, &dst, rd, wr, status);
	demo_result(dev, !ret && (status & DEMO_DMA_DONE) &&
		    !memcmp(in, out, len), what);
}

/* A copy through every instance, each port reading and another writing. */
static void demo_dma_all(struct device *dev, void __iomem *regs,
			 dma_addr_t src, dma_addr_t dst, void *in, void *out,
			 size_t len)
{
	unsigned int i;

	for (i = 0; i < DEMO_INSTANCES; i++) {
		memset(in, 0xa0 + i, len);
		dma_sync_single_for_device(dev, src, len, DMA_TO_DEVICE);
		demo_dma(dev, regs, src, dst, in, out, len, i,
			 (i + 1) % DEMO_INSTANCES);
	}
}

/* The master that probed, run by demo_init() once its probe has returned. */
static struct device *demo_dev;
static void __iomem *demo_regs;
static void *demo_out;

static int demo_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;

	demo_result(dev, device_iommu_mapped(dev),
		    "master is behind an IOMMU after probe_device");
	demo_regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(demo_regs))
		return PTR_ERR(demo_regs);
	demo_out = devm_kzalloc(dev, 2 * SZ_4K, GFP_KERNEL);
	if (!demo_out)
		return -ENOMEM;
	devm_pm_runtime_enable(dev);
	demo_dev = dev;
	return 0;
}

/*
 * Outside the probe: while a master probes, the driver core holds its
 * suppliers (the System MMU instances) runtime-active.
 */
static void demo_run(struct device *dev, void __iomem *regs, void *out)
{
	dma_addr_t iova, out_iova;
	void *buf;

	/* Like any master doing DMA: runtime-active, so are its System MMUs. */
	if (pm_runtime_resume_and_get(dev)) {
		demo_result(dev, false, "master resumes");
		return;
	}
	buf = kmalloc(3 * SZ_4K, GFP_KERNEL);
	if (!buf) {
		demo_result(dev, false, "buffer allocated");
		pm_runtime_put(dev);
		return;
	}
	iova = dma_map_single(dev, buf + 100, 2 * SZ_4K, DMA_TO_DEVICE);
	if (dma_mapping_error(dev, iova)) {
		demo_result(dev, false, "dma_map_single");
		kfree(buf);
		pm_runtime_put(dev);
		return;
	}
	out_iova = dma_map_single(dev, out, 2 * SZ_4K, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, out_iova)) {
		demo_result(dev, false, "dma_map_single");
		dma_unmap_single(dev, iova, 2 * SZ_4K, DMA_TO_DEVICE);
		kfree(buf);
		pm_runtime_put(dev);
		return;
	}
	dev_info(dev, "buffer at PA %pa mapped at IOVA %pad\n",
		 &(phys_addr_t){ virt_to_phys(buf + 100) }, &iova);
	demo_check_instances(dev, iova, virt_to_phys(buf + 100), DEMO_MAPPED);
	demo_dma_all(dev, regs, iova, out_iova, buf + 100, out, 2 * SZ_4K);

	dev_info(dev, "suspending the master\n");
	pm_runtime_put_sync(dev);
	demo_check_instances(dev, iova, 0, DEMO_OFF);
	dev_info(dev, "resuming the master\n");
	if (pm_runtime_resume_and_get(dev))
		demo_result(dev, false, "master resumes");
	demo_check_instances(dev, iova, virt_to_phys(buf + 100), DEMO_MAPPED);
	demo_dma_all(dev, regs, iova, out_iova, buf + 100, out, 2 * SZ_4K);

	dma_unmap_single(dev, out_iova, 2 * SZ_4K, DMA_FROM_DEVICE);
	dma_unmap_single(dev, iova, 2 * SZ_4K, DMA_TO_DEVICE);
	demo_check_instances(dev, iova, 0, DEMO_UNMAPPED);
	pm_runtime_put_sync(dev);
	kfree(buf);
}

static const struct of_device_id demo_of_match[] = {
	{ .compatible = "samsung,exynos-sysmmu-demo-master" },
	{ }
};
MODULE_DEVICE_TABLE(of, demo_of_match);

static struct platform_driver demo_driver = {
	.probe = demo_probe,
	.driver = {
		.name = "exynos-sysmmu-demo",
		.of_match_table = demo_of_match,
	},
};
static int __init demo_init(void)
{
	int ret = platform_driver_register(&demo_driver);

	if (ret)
		return ret;
	if (demo_dev)
		demo_run(demo_dev, demo_regs, demo_out);
	else
		demo_result(NULL, false, "the master probed");
	pr_info("exynos-sysmmu-demo: %u passed, %u failed\n", demo_passed,
		demo_failed);
	return 0;
}
module_init(demo_init);

static void __exit demo_exit(void)
{
	platform_driver_unregister(&demo_driver);
}
module_exit(demo_exit);

MODULE_DESCRIPTION("Boot demo of the Exynos System MMU driver");
MODULE_LICENSE("GPL");
