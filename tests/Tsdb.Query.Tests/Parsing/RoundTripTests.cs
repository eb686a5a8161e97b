using FsCheck;
using FsCheck.Fluent;
using Tsdb.Query.Parsing;

namespace Tsdb.Query.Tests.Parsing;

public class RoundTripTests
{
    [Fact]
    public void Printed_ast_parses_back_to_the_same_ast()
    {
        Prop.ForAll(AstGenerators.Arbitrary(), expr =>
        {
            var text = Printer.Print(expr);
            var parsed = PromQL.Parse(text);
            return AstEquality.Same(expr, parsed).Label(text + "  =>  " + Printer.Print(parsed));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Printing_is_idempotent_through_the_parser()
    {
        Prop.ForAll(AstGenerators.Arbitrary(), expr =>
        {
            var text = Printer.Print(expr);
            return (Printer.Print(PromQL.Parse(text)) == text).Label(text);
        }).QuickCheckThrowOnFailure();
    }
}
