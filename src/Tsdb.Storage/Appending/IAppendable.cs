namespace Tsdb.Storage;

public interface IAppendable
{
    IAppender Appender();
}
