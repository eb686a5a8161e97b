namespace Tsdb.Query.Parsing;

/// <summary>Binary and unary operators.</summary>
public enum Operator
{
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Atan2,
    Eql,
    Neq,
    Lss,
    Gtr,
    Lte,
    Gte,
    And,
    Or,
    Unless,
}

public static class OperatorFacts
{
    public static string Text(this Operator op) => op switch
    {
        Operator.Add => "+",
        Operator.Sub => "-",
        Operator.Mul => "*",
        Operator.Div => "/",
        Operator.Mod => "%",
        Operator.Pow => "^",
        Operator.Atan2 => "atan2",
        Operator.Eql => "==",
        Operator.Neq => "!=",
        Operator.Lss => "<",
        Operator.Gtr => ">",
        Operator.Lte => "<=",
        Operator.Gte => ">=",
        Operator.And => "and",
        Operator.Or => "or",
        Operator.Unless => "unless",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Binding strength; higher binds tighter. Unary minus sits at <see cref="Operator.Mul"/>'s level.</summary>
    public static int Precedence(this Operator op) => op switch
    {
        Operator.Or => 1,
        Operator.And or Operator.Unless => 2,
        Operator.Eql or Operator.Neq or Operator.Lss or Operator.Gtr or Operator.Lte or Operator.Gte => 3,
        Operator.Add or Operator.Sub => 4,
        Operator.Mul or Operator.Div or Operator.Mod or Operator.Atan2 => 5,
        Operator.Pow => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public const int UnaryPrecedence = 5;

    public static bool IsRightAssociative(this Operator op) => op == Operator.Pow;

    public static bool IsComparison(this Operator op) =>
        op is Operator.Eql or Operator.Neq or Operator.Lss or Operator.Gtr or Operator.Lte or Operator.Gte;

    public static bool IsSetOperator(this Operator op) => op is Operator.And or Operator.Or or Operator.Unless;
}
