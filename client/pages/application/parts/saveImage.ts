import Taro from '@tarojs/taro'
import { toast } from '../../../utils/toast'

/**
 * Mini-program: writes a PNG data URL (a QR from the function) to a local file and saves it to the album.
 * H5 has no album API: people long-press the picture or print the page.
 */
export async function saveDataUrlImage(dataUrl: string, name: string): Promise<void> {
  const base64 = dataUrl.replace(/^data:image\/\w+;base64,/, '')
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}.png`
  try {
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: base64,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    )
    await Taro.saveImageToPhotosAlbum({ filePath })
    toast.success('已保存到相册')
  } catch {
    toast.info('未能保存，请截屏保存或允许访问相册后重试')
  }
}
