using System.Globalization;
using System.Text;
using Tsdb.Storage;
using MatchType = Tsdb.Storage.MatchType;

namespace Tsdb.Query.Parsing;

/// <summary>
/// Renders an AST as single-line PromQL exactly as Prometheus's String() does: canonical spacing,
/// <c>by (...)</c> before the arguments, sorted label matchers, <c>@</c> before <c>offset</c>.
/// Parentheses come only from <see cref="ParenExpr"/> nodes.
/// </summary>
public static class Printer
{
    public static string Print(Expr expr)
    {
        var sb = new StringBuilder();
        Write(sb, expr);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Expr expr)
    {
        switch (expr)
        {
            case NumberLiteral n:
                sb.Append(GoFloat.Format(n.Value));
                break;
            case StringLiteral s:
                sb.Append(GoQuote.Quote(s.Value));
                break;
            case ParenExpr p:
                sb.Append('(');
                Write(sb, p.Inner);
                sb.Append(')');
                break;
            case UnaryExpr u:
                sb.Append(u.Op.Text());
                Write(sb, u.Operand);
                break;
            case BinaryExpr b:
                WriteBinary(sb, b);
                break;
            case Call c:
                sb.Append(c.Function.Name).Append('(');
                WriteList(sb, c.Args);
                sb.Append(')');
                break;
            case AggregateExpr a:
                WriteAggregate(sb, a);
                break;
            case VectorSelector v:
                WriteSelector(sb, v);
                WriteModifiers(sb, v.At, v.Timestamp, v.Offset);
                break;
            case MatrixSelector m:
                WriteSelector(sb, m.Selector);
                sb.Append('[').Append(Durations.Format(m.Range)).Append(']');
                WriteModifiers(sb, m.Selector.At, m.Selector.Timestamp, m.Selector.Offset);
                break;
            case SubqueryExpr q:
                Write(sb, q.Inner);
                sb.Append('[').Append(Durations.Format(q.Range)).Append(':');
                if (q.Step != TimeSpan.Zero) sb.Append(Durations.Format(q.Step));
                sb.Append(']');
                WriteModifiers(sb, q.At, q.Timestamp, q.Offset);
                break;
            default:
                throw new ArgumentException($"unknown expression node {expr.GetType().Name}", nameof(expr));
        }
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Write(sb, items[i]);
        }
    }

    private static void WriteBinary(StringBuilder sb, BinaryExpr b)
    {
        Write(sb, b.Left);
        sb.Append(' ').Append(b.Op.Text());
        if (b.ReturnBool) sb.Append(" bool");
        // Prometheus 2.42 prints nothing for `ignoring () group_left`, which loses the grouping; printing
        // the empty ignoring keeps the query's meaning.
        bool grouped = b.Matching?.Cardinality is MatchCardinality.ManyToOne or MatchCardinality.OneToMany;
        if (b.Matching is { } m && (m.MatchingLabels.Count > 0 || m.On || grouped))
        {
            sb.Append(m.On ? " on (" : " ignoring (").AppendJoin(", ", m.MatchingLabels).Append(')');
            if (grouped)
            {
                sb.Append(m.Cardinality == MatchCardinality.ManyToOne ? " group_left (" : " group_right (")
                    .AppendJoin(", ", m.Include).Append(')');
            }
        }
        sb.Append(' ');
        Write(sb, b.Right);
    }

    private static void WriteAggregate(StringBuilder sb, AggregateExpr a)
    {
        sb.Append(a.Op.Text());
        if (a.Without) sb.Append(" without (").AppendJoin(", ", a.Grouping).Append(") ");
        else if (a.Grouping.Count > 0) sb.Append(" by (").AppendJoin(", ", a.Grouping).Append(") ");
        sb.Append('(');
        if (a.Parameter is not null)
        {
            Write(sb, a.Parameter);
            sb.Append(", ");
        }
        Write(sb, a.Inner);
        sb.Append(')');
    }

    private static void WriteSelector(StringBuilder sb, VectorSelector v)
    {
        sb.Append(v.Name);
        var shown = new List<string>(v.Matchers.Count);
        foreach (var m in v.Matchers)
        {
            // The name written before the braces is not repeated inside them. An explicit __name__="" is a
            // matcher of its own when there is no name (Prometheus 2.42 dropped it, changing the query;
            // later versions keep it, as here).
            if (m.Name == "__name__" && m.Type == MatchType.Equal && m.Value == v.Name && v.Name.Length > 0) continue;
            shown.Add(MatcherText(m));
        }
        if (shown.Count == 0) return;
        shown.Sort(StringComparer.Ordinal);
        sb.Append('{').AppendJoin(',', shown).Append('}');
    }

    private static string MatcherText(Matcher m)
    {
        var op = m.Type switch
        {
            MatchType.Equal => "=",
            MatchType.NotEqual => "!=",
            MatchType.Regex => "=~",
            _ => "!~",
        };
        return m.Name + op + GoQuote.Quote(m.Value);
    }

    private static void WriteModifiers(StringBuilder sb, AtModifier at, long timestamp, TimeSpan offset)
    {
        switch (at)
        {
            case AtModifier.Timestamp:
                sb.Append(" @ ").Append((timestamp / 1000.0).ToString("F3", CultureInfo.InvariantCulture));
                break;
            case AtModifier.Start:
                sb.Append(" @ start()");
                break;
            case AtModifier.End:
                sb.Append(" @ end()");
                break;
        }
        if (offset > TimeSpan.Zero) sb.Append(" offset ").Append(Durations.Format(offset));
        else if (offset < TimeSpan.Zero) sb.Append(" offset -").Append(Durations.Format(-offset));
    }
}
