/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The emulated DMA test master of tests/qemu (hw/misc/exynos_sysmmu_dma.c),
 * for the test modules of the QEMU boots: its registers and one copy
 * through two of its ports. Each port reaches memory through the System MMU
 * instance in front of it.
 */
#ifndef __EXYNOS_SYSMMU_DMA_MASTER_H
#define __EXYNOS_SYSMMU_DMA_MASTER_H

#include <linux/completion.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/platform_device.h>

#define DMA_MASTER_REG_ID		0x00
#define   DMA_MASTER_ID			0x4d445845
#define DMA_MASTER_REG_SRC_LO		0x08
#define DMA_MASTER_REG_SRC_HI		0x0c
#define DMA_MASTER_REG_DST_LO		0x10
#define DMA_MASTER_REG_DST_HI		0x14
#define DMA_MASTER_REG_LEN		0x18
#define DMA_MASTER_REG_PORTS		0x1c
#define DMA_MASTER_REG_CMD		0x20
#define DMA_MASTER_REG_STATUS		0x24
#define   DMA_MASTER_STATUS_DONE	BIT(1)
#define   DMA_MASTER_STATUS_ERROR	BIT(2)
#define DMA_MASTER_REG_IRQ_ENABLE	0x28
#define DMA_MASTER_REG_ERR_LO		0x30
#define DMA_MASTER_REG_ERR_HI		0x34

struct dma_master {
	struct device *dev;
	void __iomem *regs;
	struct completion done;
	u32 status;
};

static irqreturn_t dma_master_irq(int irq, void *data)
{
	struct dma_master *d = data;
	u32 status = readl(d->regs + DMA_MASTER_REG_STATUS);

	status &= DMA_MASTER_STATUS_DONE | DMA_MASTER_STATUS_ERROR;
	if (!status)
		return IRQ_NONE;
	writel(status, d->regs + DMA_MASTER_REG_STATUS);
	d->status = status;
	complete(&d->done);
	return IRQ_HANDLED;
}

/* Map the registers, check the ID, take the completion interrupt. */
static int dma_master_init(struct dma_master *d, struct platform_device *pdev)
{
	int irq, ret;

	d->dev = &pdev->dev;
	init_completion(&d->done);
	d->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(d->regs))
		return PTR_ERR(d->regs);
	if (readl(d->regs + DMA_MASTER_REG_ID) != DMA_MASTER_ID)
		return dev_err_probe(d->dev, -ENODEV, "not the DMA test master\n");
	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	ret = devm_request_irq(d->dev, irq, dma_master_irq, 0,
			       dev_name(d->dev), d);
	if (ret)
		return ret;
	writel(1, d->regs + DMA_MASTER_REG_IRQ_ENABLE);
	return 0;
}

/* One copy by the master, reading through @rport and writing through @wport. */
static int dma_master_copy(struct dma_master *d, u64 src, u64 dst, u32 len,
			   unsigned int rport, unsigned int wport)
{
	reinit_completion(&d->done);
	writel(lower_32_bits(src), d->regs + DMA_MASTER_REG_SRC_LO);
	writel(upper_32_bits(src), d->regs + DMA_MASTER_REG_SRC_HI);
	writel(lower_32_bits(dst), d->regs + DMA_MASTER_REG_DST_LO);
	writel(upper_32_bits(dst), d->regs + DMA_MASTER_REG_DST_HI);
	writel(len, d->regs + DMA_MASTER_REG_LEN);
	writel(rport | wport << 4, d->regs + DMA_MASTER_REG_PORTS);
	writel(1, d->regs + DMA_MASTER_REG_CMD);
	if (!wait_for_completion_timeout(&d->done, msecs_to_jiffies(2000))) {
		dev_err(d->dev, "DMA %#llx -> %#llx timed out\n", src, dst);
		return -ETIMEDOUT;
	}
	return d->status & DMA_MASTER_STATUS_DONE ? 0 : -EIO;
}

/* The address the last failed transaction faulted at. */
static u64 dma_master_err_addr(struct dma_master *d)
{
	return (u64)readl(d->regs + DMA_MASTER_REG_ERR_HI) << 32 |
	       readl(d->regs + DMA_MASTER_REG_ERR_LO);
}

#endif /* __EXYNOS_SYSMMU_DMA_MASTER_H */
