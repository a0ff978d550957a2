// The server bundled into the extension: the same entry as `crossfoot-language-server`, without tsx.
import { main } from '@crossfoot/language-server';

main(process.argv.slice(2));
