using Tsdb.Storage;
using MatchType = Tsdb.Storage.MatchType;

namespace Tsdb.Query.Parsing;

/// <summary>
/// Recursive-descent (precedence climbing) PromQL parser producing the same trees and error messages as
/// Prometheus 2.42's grammar. Syntax errors stop parsing at once; type checking runs afterwards.
/// </summary>
internal sealed class Parser
{
    /// <summary>Unary minus/plus takes as operand only what binds tighter than multiplication: <c>-2^2</c> is <c>-(2^2)</c>.</summary>
    private const int UnaryOperandPrecedence = OperatorFacts.UnaryPrecedence + 1;

    private readonly string _input;
    private readonly List<Token> _tokens;
    private int _next;

    private Parser(string input)
    {
        _input = input;
        _tokens = Lexer.Tokenize(input);
    }

    public static Expr Parse(string input)
    {
        var parser = new Parser(input);
        // Prometheus reports nothing-but-whitespace-or-comments at the very start, not where the input ends.
        if (parser.Peek().Kind == TokenKind.Eof) throw parser.Error(new PositionRange(0, 0), "no expression found in input");
        var expr = parser.ParseExpr(0);
        if (parser.Peek().Kind != TokenKind.Eof) parser.Unexpected("", "");
        TypeChecker.Check(input, expr);
        return expr;
    }

    private Token Peek()
    {
        var t = _tokens[_next];
        if (t.Kind == TokenKind.Error) throw new PromQLParseException(_input, new PositionRange(t.Pos, _input.Length), t.Text);
        return t;
    }

    private Token Advance()
    {
        var t = Peek();
        if (t.Kind != TokenKind.Eof) _next++;
        return t;
    }

    private bool TryTake(TokenKind kind, out Token token)
    {
        token = Peek();
        if (token.Kind != kind) return false;
        _next++;
        return true;
    }

    private PromQLParseException Error(PositionRange at, string reason) => new(_input, at, reason);

    /// <summary>Fails on the next token: "unexpected X[ in context][, expected Y]".</summary>
    private PromQLParseException Unexpected(string context, string expected)
    {
        var t = Peek();
        var message = "unexpected " + t.Describe();
        if (context.Length > 0) message += " in " + context;
        if (expected.Length > 0) message += ", expected " + expected;
        throw Error(t.Range, message);
    }

    private Token Expect(TokenKind kind, string context, string expected) =>
        TryTake(kind, out var t) ? t : throw Unexpected(context, expected);

    private Expr ParseExpr(int minPrecedence)
    {
        var left = ParseUnary();
        while (Peek().Kind.BinaryOperator() is { } op && op.Precedence() >= minPrecedence)
        {
            Advance();
            var (returnBool, matching) = ParseBinaryModifiers();
            var right = ParseExpr(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
            left = new BinaryExpr(op, left, right, matching, returnBool, PositionRange.Merge(left.Position, right.Position));
        }
        return left;
    }

    private Expr ParseUnary()
    {
        var t = Peek();
        if (t.Kind is not (TokenKind.Add or TokenKind.Sub)) return ParsePostfix(ParsePrimary());
        Advance();
        var operand = ParseExpr(UnaryOperandPrecedence);
        var position = new PositionRange(t.Pos, operand.Position.End);
        if (operand is NumberLiteral number)
        {
            // A signed number literal stays a literal, as in Prometheus.
            if (t.Kind == TokenKind.Sub) number.Value = -number.Value;
            number.Position = position;
            return number;
        }
        return new UnaryExpr(t.Kind == TokenKind.Sub ? Operator.Sub : Operator.Add, operand, position);
    }

    private (bool ReturnBool, VectorMatching Matching) ParseBinaryModifiers()
    {
        var returnBool = TryTake(TokenKind.Bool, out _);
        var cardinality = MatchCardinality.OneToOne;
        IReadOnlyList<string> matchingLabels = [];
        IReadOnlyList<string> include = [];
        var on = false;
        if (Peek().Kind is TokenKind.On or TokenKind.Ignoring)
        {
            on = Advance().Kind == TokenKind.On;
            matchingLabels = ParseGroupingLabels();
            if (Peek().Kind is TokenKind.GroupLeft or TokenKind.GroupRight)
            {
                cardinality = Advance().Kind == TokenKind.GroupLeft ? MatchCardinality.ManyToOne : MatchCardinality.OneToMany;
                if (Peek().Kind == TokenKind.LeftParen) include = ParseGroupingLabels();
            }
        }
        return (returnBool, new VectorMatching(cardinality, matchingLabels, on, include));
    }

    /// <summary><c>(label, ...)</c> of by/without/on/ignoring/group_left/group_right.</summary>
    private List<string> ParseGroupingLabels()
    {
        Expect(TokenKind.LeftParen, "grouping opts", "\"(\"");
        var labels = new List<string>();
        while (true)
        {
            if (TryTake(TokenKind.RightParen, out _)) return labels;
            var t = Peek();
            if (!t.Kind.CanBeLabel() || t.Text.Contains(':')) throw Unexpected("grouping opts", "label");
            labels.Add(Advance().Text);
            if (TryTake(TokenKind.RightParen, out _)) return labels;
            if (!TryTake(TokenKind.Comma, out _)) throw Unexpected("grouping opts", "\",\" or \")\"");
        }
    }

    private Expr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number:
                Advance();
                if (!GoFloat.TryParse(t.Text, out var value)) throw Error(t.Range, $"error parsing number: strconv.ParseFloat: parsing {GoQuote.Quote(t.Text)}: invalid syntax");
                return new NumberLiteral(value, t.Range);
            case TokenKind.String:
                Advance();
                return new StringLiteral(GoQuote.Unquote(t.Text), t.Range);
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpr(0);
                var close = Expect(TokenKind.RightParen, "paren expression", "\")\"");
                return new ParenExpr(inner, new PositionRange(t.Pos, close.End));
            case TokenKind.LeftBrace:
                return ParseVectorSelector(null);
            case TokenKind.Identifier when _tokens[_next + 1].Kind == TokenKind.LeftParen:
                return ParseCall();
        }
        if (t.Kind.Aggregation() is { } aggregation && _tokens[_next + 1].Kind is TokenKind.LeftParen or TokenKind.By or TokenKind.Without)
        {
            return ParseAggregate(aggregation);
        }
        if (t.Kind.CanBeMetricName())
        {
            Advance();
            return ParseVectorSelector(t);
        }
        throw Unexpected("", "");
    }

    private VectorSelector ParseVectorSelector(Token? name)
    {
        var matchers = new List<Matcher>();
        var position = name?.Range ?? Peek().Range;
        if (Peek().Kind == TokenKind.LeftBrace)
        {
            var close = ParseLabelMatchers(matchers);
            position = new PositionRange(position.Start, close.End);
        }
        if (name is { } n) matchers.Add(Matcher.Equal("__name__", n.Text));
        return new VectorSelector(name?.Text ?? "", matchers, position);
    }

    /// <summary><c>{label op "value", ...}</c>; returns the closing brace.</summary>
    private Token ParseLabelMatchers(List<Matcher> matchers)
    {
        Expect(TokenKind.LeftBrace, "", "");
        while (true)
        {
            if (TryTake(TokenKind.RightBrace, out var close)) return close;
            var label = Expect(TokenKind.Identifier, "label matching", "identifier or \"}\"");
            var op = Peek().Kind switch
            {
                TokenKind.Assign => MatchType.Equal,
                TokenKind.Neq => MatchType.NotEqual,
                TokenKind.EqlRegex => MatchType.Regex,
                TokenKind.NeqRegex => MatchType.NotRegex,
                _ => throw Unexpected("label matching", "label matching operator"),
            };
            Advance();
            var value = Expect(TokenKind.String, "label matching", "string");
            try
            {
                matchers.Add(Matcher.Create(op, label.Text, GoQuote.Unquote(value.Text)));
            }
            catch (ArgumentException e)
            {
                throw Error(new PositionRange(label.Pos, value.End), e.Message);
            }
            if (TryTake(TokenKind.RightBrace, out close)) return close;
            if (!TryTake(TokenKind.Comma, out _)) throw Unexpected("label matching", "\",\" or \"}\"");
        }
    }

    /// <summary><c>(arg, ...)</c> of a function call or aggregation; returns the arguments and the closing parenthesis.</summary>
    private (List<Expr> Args, Token Close) ParseCallBody()
    {
        Expect(TokenKind.LeftParen, "", "");
        var args = new List<Expr>();
        if (TryTake(TokenKind.RightParen, out var close)) return (args, close);
        while (true)
        {
            args.Add(ParseExpr(0));
            if (TryTake(TokenKind.RightParen, out close)) return (args, close);
            var comma = Expect(TokenKind.Comma, "", "");
            if (Peek().Kind == TokenKind.RightParen) throw Error(comma.Range, "trailing commas not allowed in function call args");
        }
    }

    private Call ParseCall()
    {
        var name = Advance();
        var (args, close) = ParseCallBody();
        if (!Functions.TryGet(name.Text, out var function)) throw Error(name.Range, $"unknown function with name {GoQuote.Quote(name.Text)}");
        return new Call(function, args, new PositionRange(name.Pos, close.End));
    }

    private AggregateExpr ParseAggregate(AggregationOp op)
    {
        var opToken = Advance();
        IReadOnlyList<string> grouping = [];
        var without = false;
        var modifierFirst = Peek().Kind is TokenKind.By or TokenKind.Without;
        if (modifierFirst)
        {
            without = Advance().Kind == TokenKind.Without;
            grouping = ParseGroupingLabels();
        }
        var (args, close) = ParseCallBody();
        var end = close.End;
        if (!modifierFirst && Peek().Kind is TokenKind.By or TokenKind.Without)
        {
            without = Advance().Kind == TokenKind.Without;
            grouping = ParseGroupingLabels();
            end = _tokens[_next - 1].End;
        }

        var position = new PositionRange(opToken.Pos, end);
        if (args.Count == 0) throw Error(position, "no arguments for aggregate expression provided");
        var wanted = op.HasParameter() ? 2 : 1;
        if (args.Count != wanted) throw Error(position, $"wrong number of arguments for aggregate expression provided, expected {wanted}, got {args.Count}");
        return new AggregateExpr(op, args[^1], op.HasParameter() ? args[0] : null, grouping, without, position);
    }

    /// <summary>Applies the suffixes that bind tightest: <c>[range]</c>, <c>[range:step]</c>, <c>offset</c>, <c>@</c>.</summary>
    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            switch (Peek().Kind)
            {
                case TokenKind.LeftBracket:
                    expr = ParseRangeOrSubquery(expr);
                    break;
                case TokenKind.Offset:
                    ParseOffset(expr);
                    break;
                case TokenKind.At:
                    ParseAt(expr);
                    break;
                default:
                    return expr;
            }
        }
    }

    private TimeSpan ParseDuration(Token t)
    {
        if (!Durations.TryParse(t.Text, out var duration, out var error)) throw Error(t.Range, error!);
        if (duration == TimeSpan.Zero) throw Error(t.Range, "duration must be greater than 0");
        return duration;
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var open = Advance();
        var rangeToken = Expect(TokenKind.Duration, "subquery selector", "duration");
        var range = ParseDuration(rangeToken);
        if (TryTake(TokenKind.RightBracket, out var close))
        {
            string? problem = null;
            if (expr is not VectorSelector selector) problem = "ranges only allowed for vector selectors";
            else if (selector.Offset != TimeSpan.Zero) problem = "no offset modifiers allowed before range";
            else if (selector.At == AtModifier.Timestamp) problem = "no @ modifiers allowed before range";
            if (problem is not null) throw Error(new PositionRange(open.Pos, close.End), problem);
            return new MatrixSelector((VectorSelector)expr, range, new PositionRange(expr.Position.Start, close.End));
        }
        if (!TryTake(TokenKind.Colon, out _)) throw Unexpected("subquery or range", "\":\" or \"]\"");
        var step = TimeSpan.Zero;
        if (TryTake(TokenKind.Duration, out var stepToken))
        {
            step = ParseDuration(stepToken);
            close = Expect(TokenKind.RightBracket, "subquery selector", "\"]\"");
        }
        else
        {
            close = Expect(TokenKind.RightBracket, "subquery selector", "duration or \"]\"");
        }
        return new SubqueryExpr(expr, range, step, new PositionRange(expr.Position.Start, close.End));
    }

    private void ParseOffset(Expr expr)
    {
        Advance();
        var negative = TryTake(TokenKind.Sub, out _);
        var durationToken = Expect(TokenKind.Duration, "offset", "duration");
        var offset = ParseDuration(durationToken);
        if (negative) offset = -offset;

        var current = expr switch
        {
            VectorSelector v => v.Offset,
            MatrixSelector m => m.Selector.Offset,
            SubqueryExpr s => s.Offset,
            _ => throw Error(expr.Position, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
        };
        if (current != TimeSpan.Zero) throw Error(expr.Position, "offset may not be set multiple times");
        switch (expr)
        {
            case VectorSelector v: v.Offset = offset; break;
            case MatrixSelector m: m.Selector.Offset = offset; break;
            case SubqueryExpr s: s.Offset = offset; break;
        }
        expr.Position = expr.Position with { End = durationToken.End };
    }

    private void ParseAt(Expr expr)
    {
        Advance();
        AtModifier kind;
        long timestamp = 0;
        if (Peek().Kind is TokenKind.Start or TokenKind.End)
        {
            kind = Advance().Kind == TokenKind.Start ? AtModifier.Start : AtModifier.End;
            Expect(TokenKind.LeftParen, "@", "timestamp");
            Expect(TokenKind.RightParen, "@", "timestamp");
        }
        else
        {
            var sign = Peek().Kind is TokenKind.Add or TokenKind.Sub ? Advance().Kind : TokenKind.Add;
            var number = Expect(TokenKind.Number, "@", "timestamp");
            if (!GoFloat.TryParse(number.Text, out var seconds)) throw Error(number.Range, $"error parsing number: {number.Text}");
            if (sign == TokenKind.Sub) seconds = -seconds;
            if (double.IsInfinity(seconds) || double.IsNaN(seconds) || seconds >= long.MaxValue || seconds <= long.MinValue)
            {
                throw Error(expr.Position, $"timestamp out of bounds for @ modifier: {GoFloatFixed(seconds)}");
            }
            kind = AtModifier.Timestamp;
            timestamp = (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
        }

        var existing = expr switch
        {
            VectorSelector v => v.At,
            MatrixSelector m => m.Selector.At,
            SubqueryExpr s => s.At,
            _ => throw Error(expr.Position, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"),
        };
        if (existing != AtModifier.None) throw Error(expr.Position, "@ <timestamp> may not be set multiple times");
        switch (expr)
        {
            case VectorSelector v: (v.At, v.Timestamp) = (kind, timestamp); break;
            case MatrixSelector m: (m.Selector.At, m.Selector.Timestamp) = (kind, timestamp); break;
            case SubqueryExpr s: (s.At, s.Timestamp) = (kind, timestamp); break;
        }
        expr.Position = expr.Position with { End = _tokens[_next - 1].End };
    }

    /// <summary>Go's <c>%f</c>, used by the out-of-bounds message.</summary>
    private static string GoFloatFixed(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+Inf" : double.IsNegativeInfinity(v) ? "-Inf"
        : v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
}
