namespace Tsdb.Query.Parsing;

/// <summary>
/// The checks Prometheus runs after a successful parse: argument and operand types, modifier rules,
/// selectors that would select everything. Reports the first problem in Prometheus's visiting order.
/// </summary>
internal sealed class TypeChecker
{
    private readonly string _input;

    private TypeChecker(string input) => _input = input;

    public static void Check(string input, Expr expr) => new TypeChecker(input).Visit(expr);

    private PromQLParseException Error(PositionRange at, string reason) => new(_input, at, reason);

    private void Expect(Expr expr, ExprType want, string context)
    {
        var got = Visit(expr);
        if (got != want) throw Error(expr.Position, $"expected type {want.Documented()} in {context}, got {got.Documented()}");
    }

    private ExprType Visit(Expr expr)
    {
        switch (expr)
        {
            case AggregateExpr a:
                Expect(a.Inner, ExprType.Vector, "aggregation expression");
                if (a.Parameter is not null) Expect(a.Parameter, a.Op.ParameterType(), "aggregation parameter");
                break;
            case BinaryExpr b:
                CheckBinary(b);
                break;
            case Call c:
                CheckCall(c);
                break;
            case ParenExpr p:
                Visit(p.Inner);
                break;
            case UnaryExpr u:
                var operandType = Visit(u.Operand);
                if (operandType is not (ExprType.Scalar or ExprType.Vector))
                {
                    throw Error(u.Position, $"unary expression only allowed on expressions of type scalar or instant vector, got \"{operandType.Documented()}\"");
                }
                break;
            case SubqueryExpr s:
                var innerType = Visit(s.Inner);
                if (innerType != ExprType.Vector) throw Error(s.Position, $"subquery is only allowed on instant vector, got {innerType.Internal()} instead");
                break;
            case MatrixSelector m:
                Visit(m.Selector);
                break;
            case VectorSelector v:
                CheckSelector(v);
                break;
        }
        return expr.Type;
    }

    private void CheckBinary(BinaryExpr b)
    {
        var lt = Visit(b.Left);
        var rt = Visit(b.Right);
        var op = b.Op;
        var matching = b.Matching;

        if (b.ReturnBool && !op.IsComparison()) throw Error(OperatorRange(b), "bool modifier can only be used on comparison operators");
        if (op.IsComparison() && !b.ReturnBool && lt == ExprType.Scalar && rt == ExprType.Scalar)
        {
            throw Error(OperatorRange(b), "comparisons between scalars must use BOOL modifier");
        }
        if (op.IsSetOperator() && matching is { Cardinality: MatchCardinality.OneToOne }) matching.Cardinality = MatchCardinality.ManyToMany;
        if (matching is { On: true })
        {
            foreach (var label in matching.MatchingLabels)
            {
                if (matching.Include.Contains(label)) throw Error(OperatorRange(b), $"label {GoQuote.Quote(label)} must not occur in ON and GROUP clause at once");
            }
        }
        if (lt is not (ExprType.Scalar or ExprType.Vector)) throw Error(b.Left.Position, "binary expression must contain only scalar and instant vector types");
        if (rt is not (ExprType.Scalar or ExprType.Vector)) throw Error(b.Right.Position, "binary expression must contain only scalar and instant vector types");

        if ((lt != ExprType.Vector || rt != ExprType.Vector) && matching is not null)
        {
            if (matching.MatchingLabels.Count > 0) throw Error(b.Position, "vector matching only allowed between instant vectors");
            b.Matching = null;
        }
        else if (op.IsSetOperator() && matching is not null)
        {
            if (matching.Cardinality is MatchCardinality.OneToMany or MatchCardinality.ManyToOne)
            {
                throw Error(b.Position, $"no grouping allowed for \"{op.Text()}\" operation");
            }
            if (matching.Cardinality != MatchCardinality.ManyToMany) throw Error(b.Position, "set operations must always be many-to-many");
        }
        if ((lt == ExprType.Scalar || rt == ExprType.Scalar) && op.IsSetOperator())
        {
            throw Error(b.Position, $"set operator \"{op.Text()}\" not allowed in binary scalar expression");
        }
    }

    /// <summary>The span of the operator and its modifiers, between the operands without surrounding space.</summary>
    private PositionRange OperatorRange(BinaryExpr b)
    {
        var start = b.Left.Position.End;
        while (start < _input.Length && char.IsWhiteSpace(_input[start])) start++;
        var end = b.Right.Position.Start - 1;
        while (end > start && char.IsWhiteSpace(_input[end])) end--;
        return new PositionRange(start, end);
    }

    private void CheckCall(Call c)
    {
        var f = c.Function;
        var n = c.Args.Count;
        if (f.Variadic == 0)
        {
            if (n != f.ArgTypes.Count) throw Error(c.Position, $"expected {f.ArgTypes.Count} argument(s) in call to {GoQuote.Quote(f.Name)}, got {n}");
        }
        else if (n < f.MinArgs)
        {
            throw Error(c.Position, $"expected at least {f.MinArgs} argument(s) in call to {GoQuote.Quote(f.Name)}, got {n}");
        }
        else if (f.MaxArgs is { } max && n > max)
        {
            throw Error(c.Position, $"expected at most {max} argument(s) in call to {GoQuote.Quote(f.Name)}, got {n}");
        }

        for (var i = 0; i < n; i++)
        {
            var want = f.ArgType(i);
            var got = Visit(c.Args[i]);
            if (got != want) throw Error(c.Args[i].Position, $"expected type {want.Documented()} in call to function {GoQuote.Quote(f.Name)}, got {got.Documented()}");
        }
    }

    private void CheckSelector(VectorSelector v)
    {
        if (v.Name.Length > 0)
        {
            // The last matcher is the one made from the name written before the braces.
            for (var i = 0; i < v.Matchers.Count - 1; i++)
            {
                if (v.Matchers[i].Name == "__name__")
                {
                    throw Error(v.Position, $"metric name must not be set twice: {GoQuote.Quote(v.Name)} or {GoQuote.Quote(v.Matchers[i].Value)}");
                }
            }
            return;
        }
        if (v.Matchers.All(m => m.MatchesEmpty)) throw Error(v.Position, "vector selector must contain at least one non-empty matcher");
    }
}
