using Tsdb.Query.Parsing;

namespace Tsdb.Query.Tests.Parsing;

public class QueryTableTests
{
    [Theory]
    [MemberData(nameof(ValidQueries.Cases), MemberType = typeof(ValidQueries))]
    public void Valid_query_prints_in_canonical_form(string query, string canonical)
    {
        Assert.Equal(canonical, PromQL.Format(query));
    }

    [Theory]
    [MemberData(nameof(ValidQueries.Cases), MemberType = typeof(ValidQueries))]
    public void Canonical_form_is_a_fixed_point(string query, string canonical)
    {
        _ = query;
        Assert.Equal(canonical, PromQL.Format(canonical));
    }

    [Theory]
    [MemberData(nameof(InvalidQueries.Cases), MemberType = typeof(InvalidQueries))]
    public void Invalid_query_reports_message_and_position(string query, string message)
    {
        var e = Assert.Throws<PromQLParseException>(() => PromQL.Parse(query));
        Assert.Equal(message, e.Message);
    }
}
