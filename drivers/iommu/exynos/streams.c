// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exynos System MMU v9 stream tables: what the devicetree says they hold.
 *
 * samsung,pmmu-default-stream-config gives each page-table walker (PMMU)
 * the configuration of streams that match no entry; samsung,pmmu-streams
 * gives the entries, rows of <pmmu entry cfg direction sid-value sid-mask>.
 * Both are checked against what the instance reports (walkers, entries
 * per walker) at probe, so that programming them (family_v9.c) on every
 * resume cannot fail.
 */

#include <linux/device.h>
#include <linux/of.h>
#include <linux/slab.h>

#include "exynos-sysmmu.h"

#define SYSMMU_PROP_DEFAULT_CFG		"samsung,pmmu-default-stream-config"
#define SYSMMU_PROP_STREAMS		"samsung,pmmu-streams"

/* Cells of a samsung,pmmu-streams row. */
enum {
	SYSMMU_ROW_PMMU,
	SYSMMU_ROW_ENTRY,
	SYSMMU_ROW_CFG,
	SYSMMU_ROW_DIR,
	SYSMMU_ROW_SID,
	SYSMMU_ROW_MASK,
	SYSMMU_ROW_CELLS,
};

#define SYSMMU_STREAM_DIR_MAX		3
#define SYSMMU_STREAM_SID_MAX		0xffffff

static int sysmmu_streams_parse_defaults(struct sysmmu_member *member, int n)
{
	struct sysmmu_stream_table *st = &member->streams;
	struct device *dev = member->dev;
	int ret;

	if (n <= 0 || n > SYSMMU_MAX_PMMU)
		return dev_err_probe(dev, -EINVAL,
				     "%s: must have 1 to %d cells, one per PMMU\n",
				     SYSMMU_PROP_DEFAULT_CFG, SYSMMU_MAX_PMMU);
	if ((unsigned int)n > st->hw_pmmus)
		return dev_err_probe(dev, -EINVAL,
				     "%s: %d cells but the instance has %u PMMU(s)\n",
				     SYSMMU_PROP_DEFAULT_CFG, n, st->hw_pmmus);
	ret = of_property_read_u32_array(dev->of_node, SYSMMU_PROP_DEFAULT_CFG,
					 st->default_cfg, n);
	if (ret)
		return dev_err_probe(dev, ret, "%s: cannot read\n",
				     SYSMMU_PROP_DEFAULT_CFG);
	st->nr_pmmu = n;
	return 0;
}

/* One row, checked against the hardware and the rows before it. */
static int sysmmu_streams_check_row(struct sysmmu_member *member,
				    unsigned int row, const u32 *cell)
{
	const struct sysmmu_stream_table *st = &member->streams;
	struct device *dev = member->dev;
	u32 pmmu = cell[SYSMMU_ROW_PMMU], entry = cell[SYSMMU_ROW_ENTRY];
	unsigned int i;

	if (pmmu >= st->nr_pmmu)
		return dev_err_probe(dev, -EINVAL,
				     "%s: row %u: PMMU %u has no cell in %s\n",
				     SYSMMU_PROP_STREAMS, row, pmmu,
				     SYSMMU_PROP_DEFAULT_CFG);
	/* Entry 0 holds the default configuration. */
	if (!entry || entry >= st->hw_entries[pmmu])
		return dev_err_probe(dev, -EINVAL,
				     "%s: row %u: entry %u out of range: PMMU %u has entries 1 to %d\n",
				     SYSMMU_PROP_STREAMS, row, entry, pmmu,
				     (int)st->hw_entries[pmmu] - 1);
	if (cell[SYSMMU_ROW_DIR] < 1 ||
	    cell[SYSMMU_ROW_DIR] > SYSMMU_STREAM_DIR_MAX)
		return dev_err_probe(dev, -EINVAL,
				     "%s: row %u: direction %u is not 1 (read), 2 (write) or 3 (both)\n",
				     SYSMMU_PROP_STREAMS, row,
				     cell[SYSMMU_ROW_DIR]);
	if (cell[SYSMMU_ROW_SID] > SYSMMU_STREAM_SID_MAX ||
	    cell[SYSMMU_ROW_MASK] > SYSMMU_STREAM_SID_MAX)
		return dev_err_probe(dev, -EINVAL,
				     "%s: row %u: stream ID value and mask are 24-bit\n",
				     SYSMMU_PROP_STREAMS, row);
	for (i = 0; i < row; i++)
		if (st->streams[i].pmmu == pmmu && st->streams[i].entry == entry)
			return dev_err_probe(dev, -EINVAL,
					     "%s: row %u: PMMU %u entry %u already given by row %u\n",
					     SYSMMU_PROP_STREAMS, row, pmmu,
					     entry, i);
	return 0;
}

static int sysmmu_streams_parse_rows(struct sysmmu_member *member, int n)
{
	struct sysmmu_stream_table *st = &member->streams;
	struct device *dev = member->dev;
	unsigned int rows, i;
	u32 *cells;
	int ret;

	if (n <= 0 || n % SYSMMU_ROW_CELLS)
		return dev_err_probe(dev, -EINVAL,
				     "%s: must be rows of <pmmu entry cfg direction sid-value sid-mask>\n",
				     SYSMMU_PROP_STREAMS);
	rows = n / SYSMMU_ROW_CELLS;
	st->streams = devm_kcalloc(dev, rows, sizeof(*st->streams),
				   GFP_KERNEL);
	cells = kcalloc(n, sizeof(*cells), GFP_KERNEL);
	if (!st->streams || !cells) {
		kfree(cells);
		return -ENOMEM;
	}
	ret = of_property_read_u32_array(dev->of_node, SYSMMU_PROP_STREAMS,
					 cells, n);
	if (ret)
		ret = dev_err_probe(dev, ret, "%s: cannot read\n",
				    SYSMMU_PROP_STREAMS);
	for (i = 0; i < rows && !ret; i++) {
		const u32 *cell = &cells[i * SYSMMU_ROW_CELLS];

		ret = sysmmu_streams_check_row(member, i, cell);
		if (ret)
			break;
		st->streams[i] = (struct sysmmu_stream){
			.pmmu = cell[SYSMMU_ROW_PMMU],
			.entry = cell[SYSMMU_ROW_ENTRY],
			.cfg = cell[SYSMMU_ROW_CFG],
			.dir = cell[SYSMMU_ROW_DIR],
			.sid = cell[SYSMMU_ROW_SID],
			.mask = cell[SYSMMU_ROW_MASK],
		};
		st->nr_streams = i + 1;
	}
	kfree(cells);
	return ret;
}

/**
 * sysmmu_streams_parse() - read and check a v9 instance's stream tables
 * @member: the instance, identified (its walkers are known)
 * @required: the SoC needs its stream tables programmed: a missing
 *	samsung,pmmu-default-stream-config is an error
 *
 * Return: 0, or a negative error code after a message naming the property.
 */
int sysmmu_streams_parse(struct sysmmu_member *member, bool required)
{
	struct device_node *np = member->dev->of_node;
	struct device *dev = member->dev;
	int n, ret;

	n = of_property_count_u32_elems(np, SYSMMU_PROP_DEFAULT_CFG);
	if (n == -EINVAL) {
		if (of_property_present(np, SYSMMU_PROP_STREAMS))
			return dev_err_probe(dev, -EINVAL,
					     "%s: needs %s\n",
					     SYSMMU_PROP_STREAMS,
					     SYSMMU_PROP_DEFAULT_CFG);
		if (required)
			return dev_err_probe(dev, -EINVAL,
					     "missing %s: the stream tables must be programmed\n",
					     SYSMMU_PROP_DEFAULT_CFG);
		return 0;
	}
	ret = sysmmu_streams_parse_defaults(member, n);
	if (ret)
		return ret;

	n = of_property_count_u32_elems(np, SYSMMU_PROP_STREAMS);
	if (n == -EINVAL)
		return 0;
	return sysmmu_streams_parse_rows(member, n);
}
