namespace Tsdb.Query.Parsing;

internal readonly record struct Token(TokenKind Kind, int Pos, string Text)
{
    public PositionRange Range => new(Pos, Pos + Text.Length);

    public int End => Pos + Text.Length;
}
