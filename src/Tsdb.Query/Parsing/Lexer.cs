using System.Globalization;
using System.Text;

namespace Tsdb.Query.Parsing;

/// <summary>
/// Splits a PromQL query into tokens the way Prometheus's lexer does, including its context rules:
/// inside braces every word is a label name; after <c>[</c> a duration must follow; inside brackets
/// a colon separates range and step. Comments are dropped. Lexing stops at the first error, which
/// becomes an <see cref="TokenKind.Error"/> token so the parser reports it when it gets there.
/// </summary>
internal sealed class Lexer
{
    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _start;
    private int _parenDepth;
    private bool _braceOpen;
    private bool _bracketOpen;
    private bool _gotColon;

    private Lexer(string input) => _input = input;

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private const char Eof = '\uffff';

    private char Peek(int ahead = 0) => _pos + ahead < _input.Length ? _input[_pos + ahead] : Eof;

    private char Next() => _pos < _input.Length ? _input[_pos++] : Eof;

    private bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos]))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }

    private void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _start, _input[_start.._pos]));
        _start = _pos;
    }

    /// <summary>Records a lexical error positioned at the start of the token being scanned; ends lexing.</summary>
    private bool Fail(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, _start, message));
        return false;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool IsAlpha(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsAlphaNumeric(char c) => IsAlpha(c) || char.IsAsciiDigit(c);

    private void Run()
    {
        while (_braceOpen ? LexInsideBraces() : LexStatement())
        {
        }
    }

    private void SkipSpacesAndComments()
    {
        while (true)
        {
            if (IsSpace(Peek())) _pos++;
            else if (Peek() == '#')
            {
                while (_pos < _input.Length && _input[_pos] != '\n') _pos++;
            }
            else break;
        }
        _start = _pos;
    }

    /// <summary>Lexes one token outside braces; false when lexing is over.</summary>
    private bool LexStatement()
    {
        SkipSpacesAndComments();
        var c = Next();
        switch (c)
        {
            case Eof:
                if (_parenDepth != 0) return Fail("unclosed left parenthesis");
                if (_bracketOpen) return Fail("unclosed left bracket");
                Emit(TokenKind.Eof);
                return false;
            case ',': Emit(TokenKind.Comma); return true;
            case '*': Emit(TokenKind.Mul); return true;
            case '/': Emit(TokenKind.Div); return true;
            case '%': Emit(TokenKind.Mod); return true;
            case '+': Emit(TokenKind.Add); return true;
            case '-': Emit(TokenKind.Sub); return true;
            case '^': Emit(TokenKind.Pow); return true;
            case '@': Emit(TokenKind.At); return true;
            case '=':
                if (Peek() == '=')
                {
                    _pos++;
                    Emit(TokenKind.Eql);
                    return true;
                }
                if (Peek() == '~') return Fail($"unexpected character after '=': {RuneQuote(Peek())}");
                Emit(TokenKind.Assign);
                return true;
            case '!':
                var afterBang = Next();
                if (afterBang == '=')
                {
                    Emit(TokenKind.Neq);
                    return true;
                }
                return Fail($"unexpected character after '!': {RuneQuote(afterBang)}");
            case '<':
                Emit(Accept("=") ? TokenKind.Lte : TokenKind.Lss);
                return true;
            case '>':
                Emit(Accept("=") ? TokenKind.Gte : TokenKind.Gtr);
                return true;
            case '"' or '\'':
                return LexString(c);
            case '`':
                return LexRawString();
            case '(':
                Emit(TokenKind.LeftParen);
                _parenDepth++;
                return true;
            case ')':
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    // Prometheus reports this one just after the parenthesis.
                    _start = _pos;
                    return Fail($"unexpected right parenthesis {RuneQuote(c)}");
                }
                Emit(TokenKind.RightParen);
                return true;
            case '{':
                Emit(TokenKind.LeftBrace);
                _braceOpen = true;
                return true;
            case '[':
                if (_bracketOpen) return Fail($"unexpected left bracket {RuneQuote(c)}");
                _gotColon = false;
                Emit(TokenKind.LeftBracket);
                _bracketOpen = true;
                SkipSpacesAndComments();
                return LexDuration();
            case ']':
                if (!_bracketOpen) return Fail($"unexpected right bracket {RuneQuote(c)}");
                Emit(TokenKind.RightBracket);
                _bracketOpen = false;
                return true;
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek())))
        {
            _pos--;
            return LexNumberOrDuration();
        }
        if (IsAlpha(c) || c == ':')
        {
            if (!_bracketOpen)
            {
                _pos--;
                LexKeywordOrIdentifier();
                return true;
            }
            // Inside brackets only the range/step separator can start with a letter or colon.
            if (_gotColon) return Fail($"unexpected colon {RuneQuote(c)}");
            Emit(TokenKind.Colon);
            _gotColon = true;
            return true;
        }
        return Fail($"unexpected character: {RuneQuote(CurrentRune(c))}");
    }

    private bool LexInsideBraces()
    {
        SkipSpacesAndComments();
        var c = Next();
        switch (c)
        {
            case Eof: return Fail("unexpected end of input inside braces");
            case ',': Emit(TokenKind.Comma); return true;
            case '"' or '\'': return LexString(c);
            case '`': return LexRawString();
            case '=':
                Emit(Accept("~") ? TokenKind.EqlRegex : TokenKind.Assign);
                return true;
            case '!':
                var next = Next();
                if (next == '~') Emit(TokenKind.NeqRegex);
                else if (next == '=') Emit(TokenKind.Neq);
                else return Fail($"unexpected character after '!' inside braces: {RuneQuote(next)}");
                return true;
            case '{': return Fail($"unexpected left brace {RuneQuote(c)}");
            case '}':
                Emit(TokenKind.RightBrace);
                _braceOpen = false;
                return true;
        }
        if (IsAlpha(c))
        {
            while (IsAlphaNumeric(Peek())) _pos++;
            Emit(TokenKind.Identifier);
            return true;
        }
        return Fail($"unexpected character inside braces: {RuneQuote(CurrentRune(c))}");
    }

    private void LexKeywordOrIdentifier()
    {
        while (IsAlphaNumeric(Peek()) || Peek() == ':') _pos++;
        var word = _input.AsSpan(_start, _pos - _start);
        if (TokenFacts.Keywords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var keyword)) Emit(keyword);
        else if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("nan", StringComparison.OrdinalIgnoreCase)) Emit(TokenKind.Number);
        else Emit(word.Contains(':') ? TokenKind.MetricIdentifier : TokenKind.Identifier);
    }

    private bool LexNumberOrDuration()
    {
        if (ScanNumber())
        {
            Emit(TokenKind.Number);
            return true;
        }
        if (AcceptRemainingDuration())
        {
            Emit(TokenKind.Duration);
            return true;
        }
        return Fail($"bad number or duration syntax: {GoQuote.Quote(_input[_start.._pos])}");
    }

    private bool LexDuration()
    {
        if (ScanNumber()) return Fail("missing unit character in duration");
        if (!AcceptRemainingDuration()) return Fail($"bad duration syntax: {GoQuote.Quote(_input[_start.._pos])}");
        Emit(TokenKind.Duration);
        return true;
    }

    /// <summary>Scans a number; false when a letter follows (it may be a duration then).</summary>
    private bool ScanNumber()
    {
        var digits = "0123456789";
        if (Peek() == '0' && Peek(1) is 'x' or 'X')
        {
            _pos += 2;
            digits = "0123456789abcdefABCDEF";
        }
        AcceptRun(digits);
        if (Accept(".")) AcceptRun(digits);
        if (Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789");
        }
        return !IsAlphaNumeric(Peek());
    }

    /// <summary>Accepts the unit letters and further number+unit groups of a duration after its first number.</summary>
    private bool AcceptRemainingDuration()
    {
        if (!Accept("smhdwy")) return false;
        Accept("s"); // "ms"; impossible unit pairs are refused when the duration is parsed.
        while (Accept("0123456789"))
        {
            AcceptRun("0123456789");
            if (!Accept("smhdw")) return false;
            Accept("s");
        }
        if (IsAlphaNumeric(Peek()))
        {
            _pos++;
            return false;
        }
        return true;
    }

    private bool LexString(char quote)
    {
        while (true)
        {
            var c = Next();
            if (c == quote) break;
            switch (c)
            {
                case '\\':
                    if (!LexEscape(quote)) return false;
                    break;
                case Eof or '\n':
                    return Fail("unterminated quoted string");
            }
        }
        Emit(TokenKind.String);
        return true;
    }

    private bool LexRawString()
    {
        while (true)
        {
            var c = Next();
            if (c == '`') break;
            if (c == Eof) return Fail("unterminated raw string");
        }
        Emit(TokenKind.String);
        return true;
    }

    /// <summary>Validates one escape sequence after a backslash, with Go's rules.</summary>
    private bool LexEscape(char quote)
    {
        var c = Next();
        int n, numberBase, max;
        switch (c)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\':
                return true;
            case >= '0' and <= '7':
                (n, numberBase, max) = (3, 8, 255);
                break;
            case 'x':
                c = Next();
                (n, numberBase, max) = (2, 16, 255);
                break;
            case 'u':
                c = Next();
                (n, numberBase, max) = (4, 16, 0x10FFFF);
                break;
            case 'U':
                c = Next();
                (n, numberBase, max) = (8, 16, 0x10FFFF);
                break;
            case Eof:
                return Fail("escape sequence not terminated");
            default:
                if (c == quote) return true;
                return Fail($"unknown escape sequence {UnicodeDescription(CurrentRune(c))}");
        }

        long x = 0;
        while (n > 0)
        {
            var d = HexValue(c);
            if (d >= numberBase)
            {
                if (c == Eof) return Fail("escape sequence not terminated");
                return Fail($"illegal character {UnicodeDescription(CurrentRune(c))} in escape sequence");
            }
            x = x * numberBase + d;
            n--;
            if (n > 0) c = Next();
        }
        if (x > max || x is >= 0xD800 and < 0xE000) return Fail("escape sequence is an invalid Unicode code point");
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 16,
    };

    /// <summary>The whole character just read, joining a surrogate pair.</summary>
    private Rune CurrentRune(char c)
    {
        if (char.IsHighSurrogate(c) && _pos < _input.Length && char.IsLowSurrogate(_input[_pos]))
        {
            return new Rune(c, _input[_pos]);
        }
        return c == Eof || char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c);
    }

    /// <summary>Go's <c>%q</c> of a rune: <c>'x'</c>.</summary>
    private static string RuneQuote(char c) => RuneQuote(c == Eof ? Rune.ReplacementChar : new Rune(c));

    private static string RuneQuote(Rune r)
    {
        var quoted = GoQuote.Quote(r.ToString());
        var inner = quoted[1..^1];
        if (inner == "\\\"") inner = "\"";
        if (inner == "'") inner = "\\'";
        return "'" + inner + "'";
    }

    /// <summary>Go's <c>%#U</c>: <c>U+0071 'q'</c>.</summary>
    private static string UnicodeDescription(Rune r)
    {
        var code = string.Create(CultureInfo.InvariantCulture, $"U+{r.Value:X4}");
        return Rune.IsControl(r) ? code : $"{code} '{r}'";
    }
}
