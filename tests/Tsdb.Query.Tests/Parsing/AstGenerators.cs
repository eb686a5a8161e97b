using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Parsing;
using Tsdb.Storage;
using MatchType = Tsdb.Storage.MatchType;

namespace Tsdb.Query.Tests.Parsing;

/// <summary>
/// Random well-typed ASTs of bounded depth. Parentheses are inserted where precedence needs them, so
/// printing and parsing must give back the same tree.
/// </summary>
internal static class AstGenerators
{
    private static readonly string[] MetricNames = ["foo", "http_requests_total", "job:rate5m", "offset", "sum", "by"];
    private static readonly string[] LabelNames = ["job", "le", "instance", "sum", "offset", "__name__", "a_b"];
    private static readonly string[] Values = ["", "x", "a|b", "5..", "quote\"d", "back\\slash", "new\nline", "日本", "tab\t"];
    private static readonly long[] DurationsMs = [1, 1500, 60_000, 300_000, 5_400_000, 86_400_000, 7 * 86_400_000L, 365 * 86_400_000L, 400 * 86_400_000L];
    private static readonly double[] Numbers = [0, 1, 2.5, 0.001, 1e-7, 1e6, 123456789, 1.5e300, double.PositiveInfinity, double.NaN, 31];

    private static readonly Operator[] Arithmetic = [Operator.Add, Operator.Sub, Operator.Mul, Operator.Div, Operator.Mod, Operator.Pow, Operator.Atan2];
    private static readonly Operator[] Comparisons = [Operator.Eql, Operator.Neq, Operator.Lss, Operator.Gtr, Operator.Lte, Operator.Gte];
    private static readonly Operator[] SetOperators = [Operator.And, Operator.Or, Operator.Unless];

    public static Arbitrary<Expr> Arbitrary() =>
        Gen.Choose(0, 3).SelectMany(Any).ToArbitrary();

    private static Gen<Expr> Any(int depth) => Gen.OneOf(Vector(depth), Scalar(depth), Matrix(depth), StringLit());

    private static Gen<TimeSpan> Duration() => Gen.Elements(DurationsMs).Select(ms => TimeSpan.FromMilliseconds(ms));

    private static Gen<Expr> StringLit() => Gen.Elements(Values).Select(v => (Expr)new StringLiteral(v));

    private static Gen<Expr> Number() => Gen.Elements(Numbers).Select(v => (Expr)new NumberLiteral(v));

    private static Gen<List<string>> Labels() => Gen.ListOf(Gen.Elements(LabelNames.Where(l => l != "__name__").ToArray())).Select(l => l.Distinct().Take(3).ToList());

    private static Gen<VectorSelector> Selector() =>
        from hasName in Gen.Elements(true, false)
        from name in Gen.Elements(MetricNames)
        from count in Gen.Choose(hasName ? 0 : 1, 3)
        from labels in Gen.ArrayOf(Gen.Elements(LabelNames), count)
        from types in Gen.ArrayOf(Gen.Elements(MatchType.Equal, MatchType.NotEqual, MatchType.Regex, MatchType.NotRegex), count)
        from values in Gen.ArrayOf(Gen.Elements(Values), count)
        from at in Gen.Elements(AtModifier.None, AtModifier.Timestamp, AtModifier.Start, AtModifier.End)
        from timestamp in Gen.Choose(-1_000_000, 1_000_000)
        from offset in Gen.OneOf(Gen.Constant(TimeSpan.Zero), Duration(), Duration().Select(d => -d))
        select MakeSelector(hasName ? name : "", labels, types, values, at, timestamp, offset);

    private static VectorSelector MakeSelector(string name, string[] labels, MatchType[] types, string[] values, AtModifier at, long timestamp, TimeSpan offset)
    {
        var matchers = new List<Matcher>();
        for (var i = 0; i < labels.Length; i++)
        {
            // Keep the selector legal: no second metric name, and something that is not an empty matcher.
            var label = name.Length > 0 && labels[i] == "__name__" ? "job" : labels[i];
            matchers.Add(Matcher.Create(types[i], label, values[i]));
        }
        if (name.Length == 0 && matchers.All(m => m.MatchesEmpty)) matchers.Add(Matcher.Equal("job", "x"));
        if (name.Length > 0) matchers.Add(Matcher.Equal("__name__", name));
        return new VectorSelector(name, matchers) { At = at, Timestamp = at == AtModifier.Timestamp ? timestamp : 0, Offset = offset };
    }

    private static Gen<Expr> Matrix(int depth)
    {
        var range = from s in Selector() from r in Duration() select (Expr)MakeMatrix(s, r);
        if (depth == 0) return range;
        var subquery =
            from inner in Vector(depth - 1)
            from r in Duration()
            from step in Gen.OneOf(Gen.Constant(TimeSpan.Zero), Duration())
            from at in Gen.Elements(AtModifier.None, AtModifier.Timestamp, AtModifier.End)
            from offset in Gen.OneOf(Gen.Constant(TimeSpan.Zero), Duration())
            select (Expr)new SubqueryExpr(Postfixable(inner), r, step) { At = at, Timestamp = at == AtModifier.Timestamp ? 12_345 : 0, Offset = offset };
        return Gen.OneOf(range, subquery);
    }

    private static MatrixSelector MakeMatrix(VectorSelector s, TimeSpan range)
    {
        // Modifiers of a range selector are written after the brackets.
        return new MatrixSelector(s, range);
    }

    private static Gen<Expr> Scalar(int depth)
    {
        if (depth == 0) return Number();
        return Gen.OneOf(
            Number(),
            Scalar(depth - 1).Select(e => (Expr)new ParenExpr(e)),
            from op in Gen.Elements(Arithmetic.Concat(Comparisons).ToArray())
            from l in Scalar(depth - 1)
            from r in Scalar(depth - 1)
            select Binary(op, l, r, null, op.IsComparison()),
            Vector(depth - 1).Select(v => (Expr)new Call(Functions.All["scalar"], [v])),
            Gen.Elements("time", "pi").Select(n => (Expr)new Call(Functions.All[n], [])),
            Scalar(depth - 1).Select(e => Unary(Operator.Sub, e)));
    }

    private static Gen<Expr> Vector(int depth)
    {
        if (depth == 0) return Selector().Select(s => (Expr)s);
        var d = depth - 1;
        return Gen.OneOf(
            Selector().Select(s => (Expr)s),
            Vector(d).Select(e => (Expr)new ParenExpr(e)),
            from op in Gen.Elements(Operator.Add, Operator.Sub)
            from e in Vector(d)
            select Unary(op, e),
            VectorBinary(d),
            Aggregate(d),
            Call(d));
    }

    private static Gen<Expr> VectorBinary(int d) =>
        from op in Gen.Elements(Arithmetic.Concat(Comparisons).Concat(SetOperators).ToArray())
        from shape in Gen.Choose(0, 2)
        from l in shape == 1 && !op.IsSetOperator() ? Scalar(d) : Vector(d)
        from r in shape == 2 && !op.IsSetOperator() ? Scalar(d) : Vector(d)
        from returnBool in Gen.Elements(true, false)
        from useOn in Gen.Elements(true, false)
        from useMatching in Gen.Elements(true, false)
        from matchingLabels in Labels()
        from grouping in Gen.Choose(0, 2)
        from include in Labels()
        select Binary(op, l, r,
            l.Type == ExprType.Vector && r.Type == ExprType.Vector
                ? Matching(op, useMatching, useOn, matchingLabels, grouping, include)
                : null,
            op.IsComparison() && returnBool);

    private static VectorMatching Matching(Operator op, bool useMatching, bool on, List<string> labels, int group, List<string> include)
    {
        if (!useMatching) return new VectorMatching(op.IsSetOperator() ? MatchCardinality.ManyToMany : MatchCardinality.OneToOne, [], false, []);
        if (op.IsSetOperator()) return new VectorMatching(MatchCardinality.ManyToMany, labels, on, []);
        var card = group switch { 1 => MatchCardinality.ManyToOne, 2 => MatchCardinality.OneToMany, _ => MatchCardinality.OneToOne };
        var extra = card == MatchCardinality.OneToOne ? [] : on ? include.Except(labels).ToList() : include;
        return new VectorMatching(card, labels, on, extra);
    }

    private static Gen<Expr> Aggregate(int d) =>
        from op in Gen.Elements(Enum.GetValues<AggregationOp>())
        from inner in Vector(d)
        from k in Scalar(d)
        from label in StringLit()
        from grouping in Labels()
        from without in Gen.Elements(true, false)
        select (Expr)new AggregateExpr(op, inner,
            op.ParameterType() switch { ExprType.Scalar => k, ExprType.String => label, _ => null },
            grouping, without);

    private static Gen<Expr> Call(int d)
    {
        var functions = Functions.All.Values.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        return from f in Gen.Elements(functions)
               from extra in Gen.Choose(0, f.Variadic == 0 ? 0 : f.Variadic < 0 ? 2 : f.Variadic)
               from args in Args(f, f.MinArgs + extra, d)
               where f.ReturnType == ExprType.Vector
               select (Expr)new Call(f, args);
    }

    private static Gen<List<Expr>> Args(Function f, int count, int d)
    {
        var gens = Enumerable.Range(0, count).Select(i => f.ArgType(i) switch
        {
            ExprType.Scalar => Scalar(d),
            ExprType.Matrix => Matrix(d),
            ExprType.String => StringLit(),
            _ => Vector(d),
        });
        return Gen.CollectToSequence(gens).Select(s => s.ToList());
    }

    private static Expr Unary(Operator op, Expr operand)
    {
        // A signed number literal would fold into the literal; lower-precedence operands need parentheses.
        var needsParens = operand is NumberLiteral || operand is BinaryExpr { Op: not Operator.Pow };
        return new UnaryExpr(op, needsParens ? new ParenExpr(operand) : operand);
    }

    private static Expr Binary(Operator op, Expr l, Expr r, VectorMatching? matching, bool returnBool)
    {
        var p = op.Precedence();
        var wrapLeft = l is BinaryExpr lb && (lb.Op.Precedence() < p || (lb.Op.Precedence() == p && op.IsRightAssociative()))
                       || (op == Operator.Pow && (l is UnaryExpr || IsSignedLiteral(l)));
        var wrapRight = r is BinaryExpr rb && (rb.Op.Precedence() < p || (rb.Op.Precedence() == p && !op.IsRightAssociative()));
        return new BinaryExpr(op, wrapLeft ? new ParenExpr(l) : l, wrapRight ? new ParenExpr(r) : r, matching, returnBool);
    }

    /// <summary>
    /// A literal printed with a sign (<c>+Inf</c>): like Prometheus, the printer adds no parentheses, and a
    /// sign binds looser than <c>^</c>, so such a literal can only be the left operand of <c>^</c> in parentheses.
    /// </summary>
    private static bool IsSignedLiteral(Expr e) => e is NumberLiteral && Printer.Print(e)[0] is '+' or '-';

    /// <summary>Subqueries bind tighter than operators, so an operator expression under one needs parentheses.</summary>
    private static Expr Postfixable(Expr e) => e is BinaryExpr or UnaryExpr ? new ParenExpr(e) : e;
}
