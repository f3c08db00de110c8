import { Module } from '@nestjs/common';
import { SocketServer } from './socket-server.service';

/** graphql-ws on /graphql, under the HTTP endpoint's authentication, rate budgets and limits. */
@Module({ providers: [SocketServer] })
export class SocketModule {}
