namespace Tsdb.Load.Workload;

/// <summary>
/// A population of series made of whole instances, node exporters and HTTP services taking turns, cut off
/// at the series count asked for. Each series has a fixed slot; churn gives an instance a new identity
/// (a new <c>instance</c> label), which replaces every series of that instance by a new one.
/// </summary>
public sealed class SeriesCatalog
{
    private readonly int[] _slotInstance;
    private readonly SeriesTemplate[] _slotTemplate;

    public SeriesCatalog(int seriesCount)
    {
        if (seriesCount <= 0) throw new ArgumentOutOfRangeException(nameof(seriesCount), seriesCount, "the series count must be positive");
        _slotInstance = new int[seriesCount];
        _slotTemplate = new SeriesTemplate[seriesCount];
        int slot = 0;
        int instance = 0;
        var perInstance = new List<int>();
        while (slot < seriesCount)
        {
            var shape = ShapeOf(instance);
            int start = slot;
            for (int i = 0; i < shape.Count && slot < seriesCount; i++, slot++)
            {
                _slotInstance[slot] = instance;
                _slotTemplate[slot] = shape[i];
            }
            perInstance.Add(slot - start);
            instance++;
        }
        SeriesPerInstance = perInstance;
    }

    public int SeriesCount => _slotInstance.Length;

    public int InstanceCount => SeriesPerInstance.Count;

    /// <summary>How many slots each instance holds (the last one may be cut short).</summary>
    public IReadOnlyList<int> SeriesPerInstance { get; }

    public int InstanceOf(int slot) => _slotInstance[slot];

    public SeriesTemplate TemplateOf(int slot) => _slotTemplate[slot];

    /// <summary>The job and instance labels of an instance in its given generation (0 until first replaced).</summary>
    public static (string Job, string Instance) InstanceLabels(int instance, int generation)
    {
        bool node = IsNodeExporter(instance);
        string host = node ? $"node-{instance:D5}" : $"api-{instance:D5}";
        if (generation > 0) host += $"-r{generation}";
        return node ? ("node", host + ":9100") : ("api", host + ":8080");
    }

    private static bool IsNodeExporter(int instance) => instance % 2 == 0;

    private static IReadOnlyList<SeriesTemplate> ShapeOf(int instance) =>
        IsNodeExporter(instance) ? LabelShapes.NodeExporter : LabelShapes.HttpService;
}
