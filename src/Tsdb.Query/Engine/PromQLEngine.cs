using Tsdb.Query.Parsing;
using Tsdb.Storage;
using IQueryable = Tsdb.Storage.IQueryable;

namespace Tsdb.Query.Engine;

/// <summary>Evaluates PromQL instant and range queries against a storage, with Prometheus 2.42's semantics.</summary>
public sealed class PromQLEngine(EngineOptions options)
{
    /// <summary>The most points per series a range query may ask for.</summary>
    public const int MaxPointsPerSeries = 11_000;

    public EngineOptions Options { get; } = options;

    /// <summary>Evaluates <paramref name="query"/> at <paramref name="timeMs"/>.</summary>
    public QueryResult Instant(IQueryable storage, string query, long timeMs, CancellationToken cancellationToken)
    {
        var expr = Parse(query);
        return Run(timeMs, timeMs, cancellationToken, context =>
        {
            var evaluator = new Evaluator(storage, context, timeMs, timeMs, 1);
            var inner = expr;
            while (inner is ParenExpr p) inner = p.Inner;
            switch (expr.Type)
            {
                case ExprType.String:
                    return new StringValue(timeMs, ((StringLiteral)inner).Value);
                case ExprType.Matrix:
                    return evaluator.EvalRangeVectorAt(inner);
                case ExprType.Scalar:
                    var scalar = evaluator.Eval(expr);
                    return new Scalar(timeMs, scalar.Series[0].Points[0].F);
                default:
                    var matrix = evaluator.Eval(expr);
                    var samples = new List<Sample>(matrix.Series.Count);
                    foreach (var s in matrix.Series) samples.Add(new Sample(s.Metric, timeMs, s.Points[0].F));
                    return new Vector(samples);
            }
        });
    }

    /// <summary>Evaluates <paramref name="query"/> at every step from start to end; the result is a matrix sorted by labels.</summary>
    public QueryResult Range(IQueryable storage, string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken)
    {
        ValidateRange(startMs, endMs, stepMs);
        var expr = Parse(query);
        if (expr.Type is not (ExprType.Vector or ExprType.Scalar))
            throw new QueryException(QueryErrorType.BadData,
                $"invalid expression type \"{expr.Type.Documented()}\" for range query, must be Scalar or instant Vector");
        return Run(startMs, endMs, cancellationToken, context =>
        {
            var matrix = new Evaluator(storage, context, startMs, endMs, stepMs).Eval(expr);
            matrix.SortByLabels();
            return matrix;
        });
    }

    /// <summary>
    /// The checks the HTTP API makes on a range query's parameters before evaluating it: a positive step,
    /// an end not before the start, and at most <see cref="MaxPointsPerSeries"/> points per series.
    /// </summary>
    public static void ValidateRange(long startMs, long endMs, long stepMs)
    {
        if (endMs < startMs)
            throw new QueryException(QueryErrorType.BadData, "end timestamp must not be before start time");
        if (stepMs <= 0)
            throw new QueryException(QueryErrorType.BadData,
                "zero or negative query resolution step widths are not accepted. Try a positive integer");
        if ((endMs - startMs) / stepMs > MaxPointsPerSeries)
            throw new QueryException(QueryErrorType.BadData,
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }

    private static Expr Parse(string query)
    {
        try
        {
            return PromQL.Parse(query);
        }
        catch (PromQLParseException e)
        {
            throw new QueryException(QueryErrorType.BadData, e.Message, e);
        }
    }

    private QueryResult Run(long start, long end, CancellationToken cancellationToken, Func<QueryContext, QueryValue> evaluate)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Options.Timeout > TimeSpan.Zero) timeout.CancelAfter(Options.Timeout);
        var context = new QueryContext(start, end, Options, cancellationToken, timeout.Token);
        context.ThrowIfStopped();
        var value = evaluate(context);
        return new QueryResult(value, []);
    }
}
