namespace Tsdb.Storage;

public interface IQueryable
{
    IQuerier Querier(long mint, long maxt);
}
