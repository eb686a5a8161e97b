namespace Tsdb.Query.Engine;

/// <summary>
/// Which of rate, increase and delta a range call is: a counter's resets are added back (rate, increase), and
/// the change is divided by the range (rate).
/// </summary>
internal readonly record struct Extrapolation(bool IsCounter, bool IsRate);
