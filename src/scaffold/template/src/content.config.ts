// The archive's collections (items, earlier versions, feed states) as feedshelf reads them from content/.
export { collections } from 'feedshelf/content';
