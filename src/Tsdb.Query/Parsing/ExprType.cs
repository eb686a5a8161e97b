namespace Tsdb.Query.Parsing;

/// <summary>The type an expression evaluates to.</summary>
public enum ExprType
{
    None,
    Scalar,
    Vector,
    Matrix,
    String,
}

public static class ExprTypeNames
{
    /// <summary>The name used in user-facing type errors ("instant vector", "range vector", ...).</summary>
    public static string Documented(this ExprType type) => type switch
    {
        ExprType.Scalar => "scalar",
        ExprType.Vector => "instant vector",
        ExprType.Matrix => "range vector",
        ExprType.String => "string",
        _ => "none",
    };

    /// <summary>The internal name, which some Prometheus messages use instead of the documented one.</summary>
    public static string Internal(this ExprType type) => type switch
    {
        ExprType.Scalar => "scalar",
        ExprType.Vector => "vector",
        ExprType.Matrix => "matrix",
        ExprType.String => "string",
        _ => "none",
    };
}
