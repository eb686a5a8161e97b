using Tsdb.Load.Systems;

namespace Tsdb.Load.Tests;

public class VictoriaMetricsMergesTests
{
    [Fact]
    public void CountsForcedAndBackgroundMergesOnly()
    {
        const string metrics = """
            vm_active_force_merges 1
            vm_active_merges{type="indexdb"} 0
            vm_active_merges{type="storage/big"} 2
            vm_active_merges{type="storage/small"} 3
            vm_assisted_merges_total{type="storage/small"} 7
            vm_merges_total{type="storage/big"} 9
            """;
        Assert.Equal(6, VictoriaMetricsServer.ActiveMerges(metrics));
    }

    [Fact]
    public void NoneActiveWhenAllGaugesAreZero()
    {
        Assert.Equal(0, VictoriaMetricsServer.ActiveMerges("vm_active_force_merges 0\nvm_active_merges{type=\"indexdb\"} 0\nvm_parts{type=\"indexdb\"} 4\n"));
    }
}
