import { Module } from '@nestjs/common';
import { GetMeController } from './get-me/get-me.http.controller';

/** Who is signed in, for the web application. */
@Module({ controllers: [GetMeController] })
export class MeModule {}
