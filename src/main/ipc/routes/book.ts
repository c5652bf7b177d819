import type { bookRequests, bookStreams } from '../../../shared/contract/channels/book';
import type { BookFeedService } from '../../services/book-feed';
import type { RequestHandlers, StreamHandlers } from '../handlers';

export function bookRoutes(d: { books: BookFeedService }): Pick<RequestHandlers, keyof typeof bookRequests> {
  return {
    'book.impact': ({ connection, symbol, side, amount }) => d.books.impact(connection, symbol, side, amount),
    'book.record': ({ connection, symbol, on }) => d.books.record(connection, symbol, on),
  };
}

export function bookStreamRoutes(d: { books: BookFeedService }): Pick<StreamHandlers, keyof typeof bookStreams> {
  return {
    'book.ladder': (query, emit) => d.books.watchLadder(query, emit),
    'book.aggregated': ({ connections, symbol, depth }, emit) => d.books.watchAggregated(connections, symbol, depth, emit),
  };
}
